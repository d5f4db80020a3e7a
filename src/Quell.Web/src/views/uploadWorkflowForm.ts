// Upload a workflow file (.yaml, .yml or .bpmn) into the catalog under an id; a file that does not load gets
// every error with its line, element and field, and nothing is stored.

import { api, ApiError, type WorkflowSummary } from '../api';
import { h, replace } from '../dom';
import { problemList } from './problemList';

export function uploadWorkflowForm(onStored: (workflow: WorkflowSummary) => void): HTMLElement {
  const file = h('input', { type: 'file', id: 'workflow-file', accept: '.yaml,.yml,.bpmn,.xml', required: true });
  const id = h('input', { type: 'text', id: 'workflow-id', placeholder: 'from the file name', pattern: '[A-Za-z0-9][A-Za-z0-9._-]*', maxlength: 100 });
  const submit = h('button', { type: 'submit', class: 'button button-primary' }, 'Upload');
  const result = h('div', { class: 'upload-result', 'aria-live': 'polite' });
  const form = h('form', { class: 'upload-form card', 'aria-label': 'Upload a workflow' },
    h('div', { class: 'field' }, h('label', { for: 'workflow-file' }, 'Workflow file (.yaml or .bpmn)'), file),
    h('div', { class: 'field' }, h('label', { for: 'workflow-id' }, 'Id'), id),
    h('div', { class: 'field field-action' }, submit),
    result);

  file.addEventListener('change', () => {
    const name = file.files?.[0]?.name;
    if (name && !id.value) id.placeholder = name.replace(/\.(ya?ml|bpmn|xml)$/i, '');
  });
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const chosen = file.files?.[0];
    if (!chosen) return;
    const workflowId = id.value.trim() || chosen.name.replace(/\.(ya?ml|bpmn|xml)$/i, '');
    const format = /\.(bpmn|xml)$/i.test(chosen.name) ? 'bpmn' : 'yaml';
    submit.disabled = true;
    try {
      const stored = await api.putWorkflow(workflowId, await chosen.text(), format);
      replace(result, h('p', { class: 'notice notice-success', role: 'status' }, `Stored “${stored.name}” as ${stored.id}.`));
      onStored(stored);
    } catch (e) {
      replace(result, h('div', { class: 'notice notice-error', role: 'alert' },
        e instanceof ApiError ? problemList(e) : 'The server could not be reached.'));
    } finally {
      submit.disabled = false;
    }
  });
  return form;
}
