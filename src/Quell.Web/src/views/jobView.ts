// One job: status, progress, state timeline, progress chart, cancel, partial results, result or error, and the live
// event table — all from the job document and its event stream (stored events first, then live ones).

import { api, ApiError, terminalStatuses, type Job, type JobEvent, type PartialResults } from '../api';
import { h, replace } from '../dom';
import { dateTime, duration, time } from '../format';
import { EventStream } from '../eventStream';
import { RateTracker } from '../rate';
import { href, type View } from '../router';
import { cancelControl } from './cancelControl';
import { csvStatsTables } from './csvStatsTable';
import { progressBar } from './progressBar';
import { progressChart } from './progressChart';
import { statusBadge } from './statusBadge';

const timelineEvents: Record<string, string> = {
  'job.created': 'Submitted',
  'job.started': 'Started',
  'job.requeued': 'Re-queued',
  'job.cancel.requested': 'Cancel requested',
  'job.cancelling': 'Cancelling',
  'job.completed': 'Completed',
  'job.cancelled': 'Cancelled',
  'job.failed': 'Failed',
};

export function jobView(id: string): View {
  let job: Job | null = null;
  const events: JobEvent[] = [];
  const seen = new Set<number>();
  const rates = new RateTracker();
  let partialTimer: number | undefined;

  const title = h('h1', { id: 'job-title' }, 'Job');
  const status = h('div', { class: 'job-status' });
  const progress = h('div', { class: 'job-progress' });
  const facts = h('dl', { class: 'facts' });
  const timeline = h('ol', { class: 'timeline', 'aria-label': 'State timeline' });
  const chart = h('div', { class: 'chart-box' });
  const outcome = h('div', { class: 'outcome' });
  const partial = h('section', { class: 'partial', 'aria-labelledby': 'partial-title' });
  const eventRows = h('tbody');
  const error = h('p', { class: 'notice notice-error', role: 'alert', hidden: true });
  const cancel = cancelControl(id, (updated) => render(updated), () => void reload());

  const element = h('section', { class: 'page', 'aria-labelledby': 'job-title' },
    h('nav', { class: 'breadcrumb', 'aria-label': 'Breadcrumb' }, h('a', { href: href('jobs') }, 'Jobs'), ' / ', h('span', { class: 'mono' }, id)),
    h('div', { class: 'page-head' }, title, status),
    error,
    h('div', { class: 'job-grid' },
      h('div', { class: 'card' }, progress, cancel.element, facts),
      h('div', { class: 'card' }, h('h2', {}, 'Timeline'), timeline, h('h2', {}, 'Progress over time'), chart)),
    outcome,
    partial,
    h('section', { class: 'card', 'aria-labelledby': 'events-title' },
      h('h2', { id: 'events-title' }, 'Events'),
      h('table', { class: 'table compact events-table' },
        h('thead', {}, h('tr', {}, ['#', 'Time', 'Event', 'Details'].map((c) => h('th', { scope: 'col' }, c)))),
        eventRows)));

  function render(next: Job): void {
    job = next;
    title.textContent = `${next.type} job`;
    replace(status, statusBadge(next.status));
    const rate = rates.observe(next);
    replace(progress, progressBar(next),
      h('div', { class: 'muted small' }, next.progress?.message ?? '',
        next.status === 'running' ? ` · ${RateTracker.describeRate(next, rate)} · ETA ${RateTracker.describeEta(next, rate)}` : ''));
    cancel.update(next);
    const end = next.finishedAt ? Date.parse(next.finishedAt) : Date.now();
    replace(facts,
      fact('Id', h('span', { class: 'mono' }, next.id)),
      fact('Attempt', String(next.attempt)),
      fact('Created', dateTime(next.createdAt)),
      fact('Duration', next.startedAt ? duration(end - Date.parse(next.startedAt)) : '–'),
      next.timeoutSeconds ? fact('Timeout', `${next.timeoutSeconds}s`) : null,
      next.parentId ? fact('Parent', h('a', { href: href('jobs', next.parentId), class: 'mono' }, next.parentId)) : null);
    replace(outcome,
      next.error ? h('div', { class: 'card' }, h('h2', {}, 'Error'), h('pre', { class: 'error-text' }, next.error)) : null,
      next.status === 'completed' && next.result !== null ? h('details', { class: 'card', open: true }, h('summary', {}, 'Result'), h('pre', {}, JSON.stringify(next.result, null, 2))) : null);
  }

  function fact(name: string, value: string | Node): HTMLElement[] {
    return [h('dt', {}, name), h('dd', {}, value)];
  }

  function renderTimeline(): void {
    const steps = events.filter((e) => e.type in timelineEvents);
    replace(timeline, steps.map((e) => h('li', { class: `step step-${e.type.replace('job.', '').replace('.', '-')}` },
      h('span', { class: 'step-name' }, timelineEvents[e.type]!),
      h('time', { datetime: e.time }, time(e.time)))));
    replace(chart, progressChart(events, job?.startedAt ?? null));
  }

  function addEvent(e: JobEvent): void {
    if (e.seq === 0) {
      // Live progress between stored readings: it moves the bar, it is not history.
      if (job && job.status === 'running') render({ ...job, progress: e.data as unknown as Job['progress'] });
      return;
    }
    if (seen.has(e.seq)) return;
    seen.add(e.seq);
    events.push(e);
    eventRows.prepend(h('tr', { 'data-seq': e.seq },
      h('td', { class: 'numeric' }, e.seq),
      h('td', {}, h('time', { datetime: e.time }, time(e.time))),
      h('td', { class: 'mono' }, e.type),
      h('td', { class: 'event-data' }, summarize(e))));
    renderTimeline();
    if (e.type === 'job.partial') schedulePartial();
    if (e.type in timelineEvents) void reload();
  }

  async function reload(): Promise<void> {
    try {
      render(await api.getJob(id));
      error.hidden = true;
      if (job && terminalStatuses.includes(job.status)) void loadPartial();
    } catch (e) {
      error.hidden = false;
      error.textContent = e instanceof ApiError ? e.message : 'The server could not be reached; retrying.';
    }
  }

  function schedulePartial(): void {
    if (partialTimer !== undefined) return;
    partialTimer = window.setTimeout(() => {
      partialTimer = undefined;
      void loadPartial();
    }, 1_000);
  }

  async function loadPartial(): Promise<void> {
    let results: PartialResults;
    try {
      results = await api.partialResults(id);
    } catch {
      return; // none saved (404) or not reachable: the section stays as it was
    }
    const percent = results.completionPercent === null ? '' : `, ${results.completionPercent.toFixed(1)}%`;
    replace(partial,
      h('h2', { id: 'partial-title' }, 'Partial Result:'),
      h('p', { class: 'muted' }, `${results.status} — ${results.completedItems.toLocaleString('en-US')} items${percent}`,
        results.failedItems.length ? `, ${results.failedItems.length} failed` : ''),
      csvStatsTables(results.results) ?? h('pre', { class: 'card' }, JSON.stringify(results.results, null, 2)),
      results.failedItems.length ? h('ul', { class: 'failed-items' }, results.failedItems.map((f) => h('li', {}, f.error))) : null);
  }

  const stream = new EventStream(`/api/jobs/${encodeURIComponent(id)}/events`, {
    onEvent: (message) => {
      try {
        addEvent(JSON.parse(message.data) as JobEvent);
      } catch {
        // A malformed event is skipped; the stored history can be re-read.
      }
    },
    onEnd: () => void reload(),
    onError: (e) => {
      if (e instanceof Error && 'status' in e && (e as { status: number }).status === 404) {
        error.hidden = false;
        error.textContent = `There is no job '${id}' (or it is not yours).`;
      }
    },
  });
  void reload();
  const timer = window.setInterval(() => {
    if (job && !terminalStatuses.includes(job.status)) render(job); // durations and ETA move on
  }, 1_000);

  return {
    element,
    dispose: () => {
      stream.close();
      window.clearInterval(timer);
      window.clearTimeout(partialTimer);
    },
  };
}

function summarize(e: JobEvent): string {
  const data = e.data;
  switch (e.type) {
    case 'job.progress': return `${data.percent ?? '?'}% ${data.message ?? ''}`;
    case 'job.log': return `${data.level}: ${data.message}`;
    case 'job.checkpoint': return String(data.name ?? '');
    case 'job.partial': return `${data.completedItems} items (${data.status})`;
    case 'job.created': return String(data.type ?? '');
    default: {
      const text = JSON.stringify(data);
      return text === '{}' ? '' : text.length > 160 ? `${text.slice(0, 160)}…` : text;
    }
  }
}
