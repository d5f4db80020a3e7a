// bpmn-js measures its container when it draws; the canvas pages' styles arrive with their chunk, so the first
// measure may be of an unstyled box. Fit the diagram once the container has its real size, and keep the canvas
// told about later resizes (a narrow window, the side column wrapping).

interface Viewbox { x: number; y: number; width: number; height: number; scale: number }

interface FittableCanvas {
  resized(): void;
  zoom(level: string, center?: string): void;
  viewbox(): Viewbox;
  viewbox(box: Omit<Viewbox, 'scale'>): void;
}

/** `leftInset`: screen pixels kept free on the left (the modeler's palette), so no element starts under it. */
export function fitWhenSized(container: HTMLElement, canvas: FittableCanvas, leftInset = 0): () => void {
  let fitted = false;
  const observer = new ResizeObserver(() => {
    if (container.clientHeight < 50 || container.clientWidth < 50) return;
    canvas.resized();
    if (!fitted) {
      fitted = true;
      canvas.zoom('fit-viewport', 'auto');
      if (leftInset > 0) {
        const box = canvas.viewbox();
        const extra = leftInset / box.scale;
        canvas.viewbox({ x: box.x - extra, y: box.y, width: box.width + extra, height: box.height });
      }
    }
  });
  observer.observe(container);
  return () => observer.disconnect();
}
