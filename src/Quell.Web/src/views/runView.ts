// A workflow run on its diagram, live or replayed: the run's events (GET /api/runs/{id}/events, history then live,
// resumed with Last-Event-ID after a drop) are folded by the page into element states, canvas markers, bubbles and
// the Task Activity panel. A finished run is read-only and gets the timeline scrubber.

import NavigatedViewer from 'bpmn-js/lib/NavigatedViewer';
import { api, ApiError, type JobEvent, type WorkflowModel } from '../api';
import { diagramXml } from '../bpmn/diagramSource';
import { fitWhenSized } from '../bpmn/fitCanvas';
import { runCanvas, type RunCanvas } from '../bpmn/runCanvas';
import { h, replace } from '../dom';
import { EventStream } from '../eventStream';
import { dateTime } from '../format';
import { href, replaceAddress, type View } from '../router';
import { applyEvent, emptyRun, foldPrefix, isRunOver, type RunState } from '../run/runState';
import { elementList, type ElementList } from './elementList';
import { runCancelForm } from './runCancelForm';
import { statusBadge } from './statusBadge';
import { taskActivityPanel } from './taskActivityPanel';
import { timelineScrubber, type TimelineScrubber } from './timelineScrubber';

export function runView(runId: string, openElement: string | null): View {
  const events: JobEvent[] = [];
  let live = emptyRun(runId);
  let shown: RunState = live;
  let readOnly = false;
  let stream: EventStream | null = null;
  let canvas: RunCanvas | null = null;
  let list: ElementList | null = null;
  let scrubber: TimelineScrubber | null = null;
  let frame = 0;
  let disposed = false;
  let stopFitting = () => {};
  const names = new Map<string, string>();

  const title = h('h1', { id: 'run-title' }, 'Run');
  const badge = h('span', { class: 'run-badge' });
  const facts = h('p', { class: 'muted small run-facts' });
  const error = h('p', { class: 'notice notice-error', role: 'alert', hidden: true });
  const runNotice = h('div', { class: 'notices', role: 'status', 'aria-live': 'polite' });
  const cancelRun = runCancelForm(runId);
  const clear = h('button', { type: 'button', class: 'button', id: 'clear-execution' }, 'Clear Execution');
  const toolbar = h('div', { class: 'run-toolbar', role: 'toolbar', 'aria-label': 'Run' }, cancelRun.element, clear,
    h('a', { class: 'button', href: href('jobs', runId) }, 'Job page'));
  // The drawing itself is hidden from screen readers (the element list says the same); its bubbles are buttons.
  const canvasHost = h('div', { class: 'canvas', role: 'region', 'aria-label': 'Diagram' });
  const side = h('div', { class: 'canvas-side' });
  const scrubberHost = h('div', { class: 'scrubber-host' });
  const element = h('section', { class: 'page run-page', 'aria-labelledby': 'run-title' },
    h('div', { class: 'page-head' },
      h('div', {}, h('p', { class: 'breadcrumb' }, h('a', { href: href('runs') }, 'Runs'), ' / ', h('span', { class: 'mono' }, runId)),
        h('div', { class: 'title-line' }, title, badge), facts),
      toolbar),
    error, runNotice,
    h('div', { class: 'canvas-layout' }, canvasHost, side),
    scrubberHost);

  const viewer = new NavigatedViewer({ container: canvasHost });
  const panel = taskActivityPanel(runId, {
    readOnly: () => readOnly || shown !== live,
    onOpen: (id) => { replaceAddress(href('runs', runId, id)); list?.select(id); },
    onClose: () => { replaceAddress(href('runs', runId)); list?.select(null); },
    nameOf: (id) => names.get(id) ?? null,
  });
  side.append(panel.element);

  const open = (id: string, from?: HTMLElement | null) => panel.open(id, from);

  clear.addEventListener('click', () => {
    canvas?.clear();
    panel.close();
    location.hash = live.workflowId ? href('workflows', live.workflowId) : href('runs');
  });

  function render(): void {
    frame = 0;
    if (disposed) return;
    const run = shown;
    title.textContent = run.workflowName ?? live.workflowName ?? 'Run';
    replace(badge, statusBadge(run.status));
    const outcome = run.outcome ? ` · outcome ${run.outcome}` : '';
    facts.textContent = `Workflow ${run.workflowId ?? live.workflowId ?? '…'}${outcome}${run.time ? ` · at ${dateTime(run.time)}` : ''}`;
    cancelRun.update(live, readOnly);
    clear.hidden = !isRunOver(live);
    replace(runNotice, runNoticeFor(run));
    canvas?.show(run);
    list?.update(run);
    panel.update(run);
  }

  const schedule = () => { if (!frame) frame = requestAnimationFrame(render); };

  function onEvent(event: JobEvent): void {
    if (applyEvent(live, event) === undefined) return; // seen before a reconnect
    events.push(event);
    if (live.workflowId) requestDiagram(live.workflowId);
    if (shown === live) schedule();
    scrubber?.grow(events);
  }

  async function load(): Promise<void> {
    try {
      const run = await api.getRun(runId);
      if (disposed) return;
      readOnly = run.status === 'completed' || run.status === 'failed' || run.status === 'cancelled';
      // A run just started may not have written workflow.started yet; then its first events name the workflow.
      if (run.workflowId) requestDiagram(run.workflowId);
      stream = new EventStream(`/api/runs/${encodeURIComponent(runId)}/events`, {
        onEvent: (e) => { if (e.event !== 'message' || e.data) onEvent(JSON.parse(e.data) as JobEvent); },
        onEnd: () => { readOnly = true; showScrubber(); schedule(); },
      });
      if (openElement) open(openElement, null);
    } catch (e) {
      error.hidden = false;
      error.textContent = e instanceof ApiError ? e.message : 'The server could not be reached.';
    }
  }

  let diagramRequested = false;
  function requestDiagram(workflowId: string): void {
    if (diagramRequested) return;
    diagramRequested = true;
    api.getWorkflow(workflowId).then(
      (model) => { if (!disposed) void showDiagram(model); },
      (e) => {
        error.hidden = false;
        error.textContent = e instanceof ApiError ? `The workflow's diagram: ${e.message}` : 'The workflow could not be loaded.';
      });
  }

  async function showDiagram(model: WorkflowModel): Promise<void> {
    try {
      await viewer.importXML(diagramXml(model));
      canvasHost.querySelector('svg')?.setAttribute('aria-hidden', 'true');
      stopFitting = fitWhenSized(canvasHost, viewer.get('canvas'), viewer.get('eventBus'));
    } catch (e) {
      error.hidden = false;
      error.textContent = `The diagram could not be drawn: ${(e as Error).message}`;
      return;
    }
    for (const e of model.elements) if (e.name) names.set(e.id, e.name);
    canvas = runCanvas(viewer, (id) => open(id, document.activeElement as HTMLElement | null));
    list = elementList(model, (id, button) => {
      viewer.get<{ select(e: unknown): void }>('selection').select(viewer.get<{ get(id: string): unknown }>('elementRegistry').get(id));
      open(id, button);
    });
    side.append(list.element);
    viewer.on('element.click', (event: { element: { id: string } }) => {
      if (shown.elements.get(event.element.id)?.activity.length) open(event.element.id, null);
      list?.select(event.element.id);
    });
    schedule();
  }

  function showScrubber(): void {
    if (scrubber) return;
    scrubber = timelineScrubber(events, (count) => {
      shown = count >= events.length ? live : foldPrefix(runId, events, count);
      render();
    });
    scrubberHost.replaceChildren(scrubber.element);
  }

  void load();
  return {
    element,
    dispose: () => {
      disposed = true;
      stopFitting();
      stream?.close();
      cancelAnimationFrame(frame);
      viewer.destroy();
    },
  };
}

function runNoticeFor(run: RunState): HTMLElement | null {
  if (run.status === 'cancelled' && run.runCancellation) {
    return h('p', { class: 'notice notice-cancelled' }, h('strong', {}, 'Run cancelled'), ` — ${run.runCancellation.reason}`,
      run.runCancellation.message ? `: “${run.runCancellation.message}”` : '');
  }
  if (run.status === 'failed') {
    return h('p', { class: 'notice notice-failed' }, h('strong', {}, 'Run failed'), run.error ? ` — ${run.error}` : '');
  }
  if (run.status === 'completed') return h('p', { class: 'notice notice-success' }, h('strong', {}, 'Run completed'), run.outcome ? ` — outcome ${run.outcome}` : '');
  return null;
}
