// The cancel flow of seed 001, for a job: one request however often the button is clicked, "Cancelling…" until the
// terminal event, then the outcome in words; a refusal (409) shows the server's words for five seconds.

import { api, ApiError, type Job } from '../api';
import { h, replace } from '../dom';

/** The reasons a person may give for a cancel, with their labels (jobs and whole runs). */
export const cancelReasons: [string, string][] = [
  ['user_requested', 'Requested by me'],
  ['resource_limit', 'Resource limit'],
  ['timeout', 'Took too long'],
];

/** The words for a cancelled job, by reason. */
export function cancelledWords(reason: string): string {
  switch (reason) {
    case 'user_requested': return 'Job cancelled by user';
    case 'timeout': return 'Job cancelled: it ran out of time';
    case 'system_shutdown': return 'Job cancelled: the server shut down';
    case 'resource_limit': return 'Job cancelled: a resource limit was reached';
    case 'dependency_failed': return 'Job cancelled: a job it depends on did not complete';
    default: return `Job cancelled (${reason})`;
  }
}

export interface CancelControl {
  readonly element: HTMLElement;
  /** Shows the job's state: the form while it can be cancelled, the outcome once it is over. */
  update(job: Job): void;
}

export function cancelControl(jobId: string, onRequested: (job: Job) => void, onRefused: () => void): CancelControl {
  let requesting = false;
  let refusalTimer: number | undefined;
  const reason = h('select', { id: 'cancel-reason' }, cancelReasons.map(([value, label]) => h('option', { value }, label)));
  const message = h('input', { id: 'cancel-message', type: 'text', placeholder: 'Why (optional)', maxlength: 500 });
  const button = h('button', { type: 'submit', class: 'button button-danger', id: 'cancel-button' }, 'Cancel');
  const form = h('form', { class: 'cancel-form', 'aria-label': 'Cancel this job' },
    h('label', { for: 'cancel-reason' }, 'Reason'), reason,
    h('label', { for: 'cancel-message', class: 'visually-hidden' }, 'Message'), message,
    button);
  const notices = h('div', { class: 'notices', role: 'status', 'aria-live': 'polite' });
  const element = h('div', { class: 'cancel-control' }, form, notices);

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (requesting) return; // rapid clicks send one request
    requesting = true;
    showCancelling();
    try {
      onRequested(await api.cancelJob(jobId, reason.value, message.value.trim()));
    } catch (e) {
      requesting = false;
      button.disabled = false;
      button.textContent = 'Cancel';
      showRefusal(e instanceof ApiError ? e : new ApiError(0, 'Cannot cancel job', 'The server could not be reached.'));
      onRefused(); // the job moved on without this page seeing it: show where it is now
    }
  });

  function showCancelling(): void {
    button.disabled = true;
    button.textContent = 'Cancelling…';
    replace(notices, h('p', { class: 'notice notice-warning' }, 'Stopping job gracefully…'));
  }

  function showRefusal(error: ApiError): void {
    window.clearTimeout(refusalTimer);
    replace(notices, h('p', { class: 'notice notice-error', role: 'alert' }, h('strong', {}, 'Cannot cancel job'), ' ', error.detail || error.title));
    refusalTimer = window.setTimeout(() => replace(notices), 5_000);
  }

  return {
    element,
    update(job) {
      const cancellable = job.status === 'pending' || job.status === 'running';
      form.hidden = !(cancellable || job.status === 'cancelling');
      if (job.status === 'cancelling') showCancelling();
      if (job.status === 'cancelled' && job.cancellation) {
        window.clearTimeout(refusalTimer);
        form.hidden = true;
        const { reason: why, message: words, requestedBy } = job.cancellation;
        replace(notices, h('div', { class: 'notice notice-cancelled' },
          h('strong', {}, cancelledWords(why)),
          h('div', { class: 'small' }, `Reason: ${why}`, words ? ` — “${words}”` : '', requestedBy ? ` (by ${requestedBy})` : '')));
      } else if (job.status === 'completed' || job.status === 'failed') {
        if (!refusalTimer || !notices.querySelector('[role=alert]')) replace(notices);
        form.hidden = true;
      }
    },
  };
}
