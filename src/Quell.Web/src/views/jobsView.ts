// Jobs: a live list with filters and paging, and the form that submits a csv.analyze job.

import { api, ApiError, jobStatuses, type Job } from '../api';
import { h, replace } from '../dom';
import { dateTime, duration, shortId } from '../format';
import { RateTracker } from '../rate';
import { href, type View } from '../router';
import { progressBar } from './progressBar';
import { statusBadge } from './statusBadge';
import { submitCsvForm } from './submitCsvForm';

const pageSize = 20;
const refreshMs = 1_000;

export function jobsView(): View {
  let status = '';
  let type = '';
  let offset = 0;
  const knownTypes = new Set(['csv.analyze', 'workflow.run']);
  const rates = new RateTracker();
  const controller = new AbortController();

  const statusFilter = h('select', { id: 'status-filter', onchange: () => ((status = statusFilter.value), (offset = 0), void refresh()) },
    h('option', { value: '' }, 'All statuses'),
    jobStatuses.map((s) => h('option', { value: s }, s)));
  const typeFilter = h('select', { id: 'type-filter', onchange: () => ((type = typeFilter.value), (offset = 0), void refresh()) });
  const body = h('tbody');
  const pager = h('div', { class: 'pager' });
  const error = h('p', { class: 'notice notice-error', role: 'alert', hidden: true });

  const element = h('section', { class: 'page', 'aria-labelledby': 'jobs-title' },
    h('div', { class: 'page-head' }, h('h1', { id: 'jobs-title' }, 'Jobs'),
      h('div', { class: 'filters' },
        h('label', { for: 'status-filter' }, 'Status'), statusFilter,
        h('label', { for: 'type-filter' }, 'Type'), typeFilter)),
    submitCsvForm((job) => (location.hash = href('jobs', job.id))),
    error,
    h('table', { class: 'table jobs-table' },
      h('thead', {}, h('tr', {}, ['Job', 'Type', 'Status', 'Progress', 'Rate', 'ETA', 'Started', 'Duration'].map((c) => h('th', { scope: 'col' }, c)))),
      body),
    pager);

  function renderTypes(): void {
    const selected = typeFilter.value;
    replace(typeFilter, h('option', { value: '' }, 'All types'), [...knownTypes].sort().map((t) => h('option', { value: t, selected: t === selected }, t)));
  }

  function row(job: Job): HTMLElement {
    const rate = rates.observe(job);
    const end = job.finishedAt ? Date.parse(job.finishedAt) : Date.now();
    return h('tr', { 'data-job-id': job.id, 'data-status': job.status },
      h('td', {}, h('a', { href: href('jobs', job.id), class: 'mono', title: job.id }, shortId(job.id))),
      h('td', {}, job.type),
      h('td', {}, statusBadge(job.status)),
      h('td', { class: 'progress-column' }, progressBar(job), job.progress?.message ? h('div', { class: 'muted small' }, job.progress.message) : null),
      h('td', { class: 'numeric' }, RateTracker.describeRate(job, rate)),
      h('td', { class: 'numeric' }, RateTracker.describeEta(job, rate)),
      h('td', {}, dateTime(job.startedAt)),
      h('td', { class: 'numeric' }, job.startedAt ? duration(end - Date.parse(job.startedAt)) : '–'));
  }

  async function refresh(): Promise<void> {
    try {
      const list = await api.listJobs({ status, type, limit: pageSize, offset }, controller.signal);
      error.hidden = true;
      list.items.forEach((job) => knownTypes.add(job.type));
      if (typeFilter.options.length !== knownTypes.size + 1) renderTypes();
      replace(body, list.items.length ? list.items.map(row) : h('tr', {}, h('td', { colspan: 8, class: 'empty' }, 'No jobs yet. Submit one above, or with quell or the API.')));
      const last = Math.min(list.total, offset + list.items.length);
      replace(pager,
        h('span', { class: 'muted' }, list.total ? `${offset + 1}–${last} of ${list.total}` : ''),
        h('button', { type: 'button', class: 'button', disabled: offset === 0, onclick: () => ((offset = Math.max(0, offset - pageSize)), void refresh()) }, 'Previous'),
        h('button', { type: 'button', class: 'button', disabled: last >= list.total, onclick: () => ((offset += pageSize), void refresh()) }, 'Next'));
    } catch (e) {
      if (controller.signal.aborted) return;
      error.hidden = false;
      error.textContent = e instanceof ApiError ? e.message : 'The server could not be reached; retrying.';
    }
  }

  renderTypes();
  void refresh();
  const timer = window.setInterval(() => void refresh(), refreshMs);
  return {
    element,
    dispose: () => {
      window.clearInterval(timer);
      controller.abort();
    },
  };
}
