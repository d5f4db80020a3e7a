// Workflows: the catalog as the server holds it; each opens on the canvas, and a file can be uploaded into it.

import { api, ApiError, type WorkflowSummary } from '../api';
import { h, replace } from '../dom';
import { dateTime } from '../format';
import { href, type View } from '../router';
import { uploadWorkflowForm } from './uploadWorkflowForm';

export function workflowsView(): View {
  const body = h('tbody');
  const error = h('p', { class: 'notice notice-error', role: 'alert', hidden: true });
  const element = h('section', { class: 'page', 'aria-labelledby': 'workflows-title' },
    h('div', { class: 'page-head' }, h('h1', { id: 'workflows-title' }, 'Workflows')),
    error,
    uploadWorkflowForm(() => void refresh()),
    h('table', { class: 'table' },
      h('thead', {}, h('tr', {}, ['Workflow', 'Id', 'Format', 'Updated', 'Description'].map((c) => h('th', { scope: 'col' }, c)))),
      body));

  const row = (w: WorkflowSummary) => h('tr', { 'data-workflow-id': w.id },
    h('th', { scope: 'row' }, h('a', { href: href('workflows', w.id) }, w.name)),
    h('td', { class: 'mono' }, w.id),
    h('td', {}, h('span', { class: 'badge badge-format' }, w.format.toUpperCase())),
    h('td', {}, dateTime(w.updatedAt)),
    h('td', { class: 'muted small' }, w.description ?? ''));

  const refresh = () => api.listWorkflows().then(
    (list) => replace(body, list.items.length ? list.items.map(row) : h('tr', {}, h('td', { colspan: 5, class: 'empty' }, 'No workflows yet: upload one above.'))),
    (e) => {
      error.hidden = false;
      error.textContent = e instanceof ApiError ? e.message : 'The server could not be reached.';
    });
  void refresh();
  return { element, dispose: () => {} };
}
