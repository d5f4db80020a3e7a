// Submit a csv.analyze job from the page: one path per line, each under the server's allowed roots.

import { api, ApiError, type Job } from '../api';
import { h } from '../dom';

export function submitCsvForm(onSubmitted: (job: Job) => void): HTMLElement {
  const paths = h('textarea', { id: 'csv-paths', rows: 2, required: true, placeholder: '/path/to/orders.csv (one per line)', spellcheck: 'false' });
  const timeout = h('input', { id: 'csv-timeout', type: 'number', min: 1, placeholder: 'none' });
  const message = h('p', { class: 'notice notice-error', role: 'alert', hidden: true });
  const submit = h('button', { type: 'submit', class: 'button button-primary' }, 'Analyze CSV');

  const form = h('form', { class: 'card submit-form', 'aria-label': 'Submit a csv.analyze job' },
    h('div', { class: 'field field-wide' }, h('label', { for: 'csv-paths' }, 'CSV files to analyze'), paths),
    h('div', { class: 'field' }, h('label', { for: 'csv-timeout' }, 'Timeout (s)'), timeout),
    h('div', { class: 'field field-action' }, submit),
    message);

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const list = paths.value.split('\n').map((p) => p.trim()).filter(Boolean);
    submit.disabled = true;
    message.hidden = true;
    try {
      const seconds = timeout.value ? Number(timeout.value) : undefined;
      const job = await api.submitJob('csv.analyze', { paths: list }, seconds);
      paths.value = '';
      onSubmitted(job);
    } catch (e) {
      message.hidden = false;
      message.textContent = e instanceof ApiError ? e.message : 'The server could not be reached.';
    } finally {
      submit.disabled = false;
    }
  });
  return form;
}
