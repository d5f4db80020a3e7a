// Cancelling a whole run from its toolbar, with a reason: its cancellable tasks stop, nothing new starts.

import { api, ApiError } from '../api';
import { h, replace } from '../dom';
import type { RunState } from '../run/runState';
import { cancelReasons } from './cancelControl';

export interface RunCancelForm {
  readonly element: HTMLElement;
  update(run: RunState, readOnly: boolean): void;
}

export function runCancelForm(runId: string): RunCancelForm {
  let requesting = false;
  let refusalTimer: number | undefined;
  const reason = h('select', { id: 'run-cancel-reason', 'aria-label': 'Reason' },
    cancelReasons.map(([value, label]) => h('option', { value }, label)));
  const message = h('input', { id: 'run-cancel-message', type: 'text', placeholder: 'Why (optional)', maxlength: 500, 'aria-label': 'Message' });
  const button = h('button', { type: 'submit', class: 'button button-danger', id: 'cancel-run' }, 'Cancel run');
  const notice = h('span', { class: 'run-cancel-notice', role: 'status' });
  const form = h('form', { class: 'run-cancel-form', 'aria-label': 'Cancel this run' }, reason, message, button, notice);

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (requesting) return;
    requesting = true;
    button.disabled = true;
    button.textContent = 'Cancelling…';
    try {
      await api.cancelRun(runId, reason.value, message.value.trim());
    } catch (e) {
      requesting = false;
      button.disabled = false;
      button.textContent = 'Cancel run';
      window.clearTimeout(refusalTimer);
      replace(notice, h('span', { class: 'text-error', role: 'alert' }, 'Cannot cancel run: ', e instanceof ApiError ? e.detail || e.title : 'the server could not be reached.'));
      refusalTimer = window.setTimeout(() => replace(notice), 5_000);
    }
  });

  return {
    element: form,
    update(run, readOnly) {
      const over = run.status === 'completed' || run.status === 'failed' || run.status === 'cancelled';
      form.hidden = readOnly || over;
      if (run.status === 'cancelling') {
        requesting = true;
        button.disabled = true;
        button.textContent = 'Cancelling…';
      }
    },
  };
}
