// A run drawn on its diagram: each element's state as a canvas marker (CSS classes in styles.css), the flows the
// run took highlighted, and a 💬 bubble — a real button — on every element with activity. Only what changed since
// the last call is touched, so a run streaming tokens does not redraw the diagram.

import type NavigatedViewer from 'bpmn-js/lib/NavigatedViewer';
import { isRunOver, type ElementState, type RunState } from '../run/runState';

interface Canvas {
  addMarker(id: string, marker: string): void;
  removeMarker(id: string, marker: string): void;
}

interface Overlays {
  add(id: string, type: string, overlay: { position: Record<string, number>; html: HTMLElement }): string;
  remove(filter: { type: string } | string): void;
}

interface DiagramElement {
  id: string;
  type: string;
  businessObject: { name?: string; sourceRef?: { id: string }; targetRef?: { id: string } };
  waypoints?: unknown[];
}

interface ElementRegistry {
  getAll(): DiagramElement[];
  get(id: string): DiagramElement | undefined;
}

export interface RunCanvas {
  show(run: RunState): void;
  /** Back to the idle diagram: no marker, no bubble. */
  clear(): void;
}

export function runCanvas(viewer: NavigatedViewer, openActivity: (elementId: string) => void): RunCanvas {
  const canvas = viewer.get<Canvas>('canvas');
  const overlays = viewer.get<Overlays>('overlays');
  const registry = viewer.get<ElementRegistry>('elementRegistry');
  const applied = new Map<string, string>();
  const bubbles = new Map<string, HTMLButtonElement>();

  function setMarker(id: string, marker: string | null): void {
    const previous = applied.get(id) ?? null;
    if (previous === marker) return;
    if (previous) canvas.removeMarker(id, previous);
    if (marker) {
      canvas.addMarker(id, marker);
      applied.set(id, marker);
    } else {
      applied.delete(id);
    }
  }

  function bubble(state: ElementState): void {
    const label = state.name ?? registry.get(state.id)?.businessObject.name ?? state.id;
    let button = bubbles.get(state.id);
    if (!button) {
      button = document.createElement('button');
      button.type = 'button';
      button.className = 'activity-bubble';
      button.dataset.elementId = state.id;
      button.setAttribute('aria-label', `Open activity: ${label}`);
      button.title = `Open activity: ${label}`;
      button.textContent = '💬';
      const id = state.id;
      button.addEventListener('click', (event) => {
        event.stopPropagation();
        openActivity(id);
      });
      overlays.add(state.id, 'quell-bubble', { position: { top: -14, right: 14 }, html: button });
      bubbles.set(state.id, button);
    }
    button.classList.toggle('activity-bubble-cancellable', state.cancellable && state.status === 'running');
    if (state.cancellable && state.status === 'running') button.setAttribute('aria-label', `Open activity: ${label} (can be cancelled)`);
    else button.setAttribute('aria-label', `Open activity: ${label}`);
  }

  return {
    show(run) {
      const over = isRunOver(run);
      for (const element of registry.getAll()) {
        if (element.type === 'bpmn:SequenceFlow') {
          setMarker(element.id, taken(run, element) ? 'quell-taken' : over ? 'quell-not-taken' : null);
          continue;
        }
        if (!element.type.startsWith('bpmn:') || element.type === 'bpmn:Process' || element.type === 'label') continue;
        const state = run.elements.get(element.id);
        if (!state || state.status === 'idle') {
          setMarker(element.id, over ? 'quell-not-taken' : null);
          continue;
        }
        setMarker(element.id, `quell-${state.status}`);
        // Tasks have activity to show; events and gateways only pass through.
        if (element.type.endsWith('Task') && (state.activity.length > 0 || state.cancellable || state.cancelled)) bubble(state);
      }
    },
    clear() {
      for (const [id, marker] of applied) canvas.removeMarker(id, marker);
      applied.clear();
      overlays.remove({ type: 'quell-bubble' });
      bubbles.clear();
    },
  };
}

/** A flow was taken when its target started after its source, and a gateway (if it chose) chose it. */
function taken(run: RunState, flow: DiagramElement): boolean {
  const source = flow.businessObject.sourceRef?.id;
  const target = flow.businessObject.targetRef?.id;
  if (!source || !target) return false;
  const from = run.elements.get(source);
  const to = run.elements.get(target);
  if (!from || !to || from.status === 'idle' || to.status === 'idle') return false;
  return from.chosenFlows === null || from.chosenFlows.includes(flow.id);
}
