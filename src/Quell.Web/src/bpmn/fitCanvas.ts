// bpmn-js measures its container when it draws; the canvas pages' styles arrive with their chunk, so the first
// measure may be of an unstyled box. Fit the diagram once the container has its real size, and fit it again when
// the container changes size (a narrow window, the side column wrapping) until the user zooms or scrolls it.

interface Viewbox { x: number; y: number; width: number; height: number; scale: number }

interface FittableCanvas {
  resized(): void;
  zoom(level: string, center?: string): void;
  viewbox(): Viewbox;
  viewbox(box: Omit<Viewbox, 'scale'>): void;
}

interface EventBus {
  on(event: string, callback: () => void): void;
}

/** `leftInset`: screen pixels kept free on the left (the modeler's palette), so no element starts under it. */
export function fitWhenSized(container: HTMLElement, canvas: FittableCanvas, events: EventBus, leftInset = 0): () => void {
  let fitting = false;
  let userMoved = false;
  events.on('canvas.viewbox.changing', () => { if (!fitting) userMoved = true; });

  const fit = () => {
    fitting = true;
    try {
      canvas.zoom('fit-viewport', 'auto');
      if (leftInset > 0) {
        const box = canvas.viewbox();
        const extra = leftInset / box.scale;
        canvas.viewbox({ x: box.x - extra, y: box.y, width: box.width + extra, height: box.height });
      }
    } finally {
      fitting = false;
    }
  };
  const observer = new ResizeObserver(() => {
    if (container.clientHeight < 50 || container.clientWidth < 50) return;
    canvas.resized();
    if (!userMoved) fit();
  });
  observer.observe(container);
  return () => observer.disconnect();
}
