// Runs: every workflow run is a workflow.run job, so the live job list filtered to that type is the runs list;
// each opens on its diagram (live, or replayed once it ended).

import { api, ApiError, jobStatuses, type Job } from '../api';
import { h, replace } from '../dom';
import { dateTime, duration, shortId } from '../format';
import { href, type View } from '../router';
import { progressBar } from './progressBar';
import { statusBadge } from './statusBadge';

export function runsView(): View {
  const controller = new AbortController();
  const body = h('tbody');
  const error = h('p', { class: 'notice notice-error', role: 'alert', hidden: true });
  let status = '';
  const statusFilter = h('select', { id: 'run-status-filter', onchange: () => ((status = statusFilter.value), void refresh()) },
    h('option', { value: '' }, 'All'),
    jobStatuses.map((s) => h('option', { value: s }, s)));
  const element = h('section', { class: 'page', 'aria-labelledby': 'runs-title' },
    h('div', { class: 'page-head' }, h('h1', { id: 'runs-title' }, 'Runs'),
      h('div', { class: 'filters' }, h('label', { for: 'run-status-filter' }, 'Status'), statusFilter)),
    error,
    h('table', { class: 'table' },
      h('thead', {}, h('tr', {}, ['Run', 'Workflow', 'Status', 'Elements done', 'Outcome', 'Started', 'Duration'].map((c) => h('th', { scope: 'col' }, c)))),
      body));

  // The job list does not carry the workflow; each run's view does, asked once per run (a run's workflow never changes).
  const workflows = new Map<string, Promise<string>>();
  const workflowCell = (run: Job) => {
    const cell = h('td', { class: 'run-workflow' }, '…');
    let name = workflows.get(run.id);
    if (!name) {
      name = api.getRun(run.id).then((view) => view.workflowName ?? view.workflowId ?? '', () => '');
      workflows.set(run.id, name);
    }
    void name.then((text) => { cell.textContent = text; });
    return cell;
  };

  const row = (run: Job) => {
    const end = run.finishedAt ? Date.parse(run.finishedAt) : Date.now();
    const outcome = run.error ?? (run.cancellation ? `${run.cancellation.reason}${run.cancellation.message ? `: ${run.cancellation.message}` : ''}` : '');
    return h('tr', { 'data-run-id': run.id },
      h('td', {}, h('a', { href: href('runs', run.id), class: 'mono', title: run.id }, shortId(run.id))),
      workflowCell(run),
      h('td', {}, statusBadge(run.status)),
      h('td', { class: 'progress-column' }, progressBar(run)),
      h('td', { class: 'muted small' }, outcome),
      h('td', {}, dateTime(run.startedAt)),
      h('td', { class: 'numeric' }, run.startedAt ? duration(end - Date.parse(run.startedAt)) : '–'));
  };

  async function refresh(): Promise<void> {
    try {
      const list = await api.listJobs({ type: 'workflow.run', status: status || undefined, limit: 50, offset: 0 }, controller.signal);
      error.hidden = true;
      replace(body, list.items.length ? list.items.map(row) : h('tr', {}, h('td', { colspan: 7, class: 'empty' }, 'No runs yet: start one with quell workflow run or POST /api/workflows/{id}/runs.')));
    } catch (e) {
      if (controller.signal.aborted) return;
      error.hidden = false;
      error.textContent = e instanceof ApiError ? e.message : 'The server could not be reached; retrying.';
    }
  }
  void refresh();
  const timer = window.setInterval(() => void refresh(), 2_000);
  return { element, dispose: () => (window.clearInterval(timer), controller.abort()) };
}
