// The Task Activity panel of seed 001: the task's entries as they happen, and at the top the Cancel Task button
// while the task can be cancelled. The cancel flow is the seed's: "Cancelling…" (one request however many clicks),
// "Stopping task gracefully…", then the outcome in words with the partial result; a refusal shows the server's
// words for five seconds. The "Cancelling…" state comes from the run's own events, so it survives a reload.

import { api, ApiError } from '../api';
import { h, replace } from '../dom';
import type { ElementState, RunState } from '../run/runState';
import { json, renderEntry, signature } from './activityEntry';

/** The words for a cancelled task, by reason. */
export function taskCancelledWords(reason: string): string {
  switch (reason) {
    case 'user_requested': return 'Task cancelled by user';
    case 'timeout': return 'Task cancelled: it ran out of time';
    case 'resource_limit': return 'Task cancelled: its budget ran out';
    case 'system_shutdown': return 'Task cancelled: the server shut down';
    case 'dependency_failed': return 'Task cancelled: a task it depends on did not complete';
    default: return `Task cancelled (${reason})`;
  }
}

const slowStopMs = 10_000;

export interface TaskActivityPanel {
  readonly element: HTMLElement;
  readonly openElementId: string | null;
  open(elementId: string, opener?: HTMLElement | null): void;
  close(): void;
  update(run: RunState): void;
}

export function taskActivityPanel(runId: string, options: { readOnly: () => boolean; onClose: () => void; onOpen: (id: string) => void; nameOf: (id: string) => string | null }): TaskActivityPanel {
  let openId: string | null = null;
  let opener: HTMLElement | null = null;
  let run: RunState | null = null;
  let refusalTimer: number | undefined;
  let slowTimer: number | undefined;
  const requesting = new Set<string>();
  const drawn = new Map<string, { node: HTMLElement; signature: string }>();

  const title = h('h2', { id: 'activity-title', tabindex: -1 }, 'Task Activity');
  const subtitle = h('p', { class: 'activity-task muted small' });
  const close = h('button', { type: 'button', class: 'activity-close', 'aria-label': 'Close Task Activity' }, '×');
  const cancelButton = h('button', { type: 'button', class: 'button button-danger activity-cancel', id: 'cancel-task' }, '🛑 Cancel Task');
  const cancelArea = h('div', { class: 'activity-cancel-area' }, cancelButton);
  const status = h('div', { class: 'notices', role: 'status', 'aria-live': 'polite' });
  const alert = h('div', { class: 'notices', role: 'alert' });
  const outcome = h('div', { class: 'activity-outcome' });
  const announcer = h('p', { class: 'visually-hidden', role: 'status', 'aria-live': 'polite' });
  const entries = h('ol', { class: 'activity-entries', 'aria-label': 'Activity' });
  const tokens = h('p', { class: 'activity-tokens muted small' });
  const element = h('aside', { class: 'activity-panel', 'aria-labelledby': 'activity-title', hidden: true },
    h('div', { class: 'activity-head' }, h('div', {}, title, subtitle), close),
    cancelArea, status, alert, outcome, entries, tokens, announcer);

  close.addEventListener('click', () => panel.close());
  element.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') {
      event.stopPropagation();
      panel.close();
    }
  });
  cancelButton.addEventListener('click', () => void requestCancel());

  async function requestCancel(): Promise<void> {
    const id = openId;
    if (!id || requesting.has(id)) return; // rapid clicks send one request
    requesting.add(id);
    showCancelling();
    try {
      await api.cancelTask(runId, id);
    } catch (e) {
      requesting.delete(id);
      const error = e instanceof ApiError ? e : new ApiError(0, 'Cannot cancel task', 'The server could not be reached.');
      showRefusal(error.detail || error.title);
      if (run) draw(run);
    }
  }

  function showCancelling(): void {
    cancelButton.disabled = true;
    cancelButton.textContent = '⏳ Cancelling…';
    if (!status.querySelector('.notice-warning')) replace(status, h('p', { class: 'notice notice-warning' }, 'Stopping task gracefully…'));
  }

  function showRefusal(words: string): void {
    window.clearTimeout(refusalTimer);
    replace(alert, h('p', { class: 'notice notice-error' }, h('strong', {}, '❌ Cannot cancel task'), h('br'), words));
    refusalTimer = window.setTimeout(() => replace(alert), 5_000);
  }

  function drawCancel(state: ElementState): void {
    const stopping = state.status === 'cancelling' || (state.cancelRequest !== null && state.status === 'running') || requesting.has(state.id);
    const cancellable = !options.readOnly() && state.cancellable && (state.status === 'running' || state.status === 'cancelling');
    cancelArea.hidden = !(cancellable || (stopping && !options.readOnly() && state.cancelled === null));
    window.clearTimeout(slowTimer);
    if (state.cancelled || (state.status !== 'running' && state.status !== 'cancelling')) {
      requesting.delete(state.id);
      replace(status);
      return;
    }
    if (stopping) {
      showCancelling();
      const since = state.cancelRequest ? Date.now() - Date.parse(state.cancelRequest.at) : 0;
      if (since >= slowStopMs) showSlowStop(since);
      else slowTimer = window.setTimeout(() => run && draw(run), slowStopMs - since + 50);
    } else {
      cancelButton.disabled = false;
      cancelButton.textContent = '🛑 Cancel Task';
      replace(status);
    }
  }

  function showSlowStop(since: number): void {
    const resend = h('button', { type: 'button', class: 'button button-small' }, 'Send the cancel again');
    resend.addEventListener('click', () => {
      if (openId) void api.cancelTask(runId, openId).catch((e) => showRefusal(e instanceof ApiError ? e.detail || e.title : 'The server could not be reached.'));
    });
    replace(status,
      h('p', { class: 'notice notice-warning' }, 'Stopping task gracefully…'),
      h('p', { class: 'notice notice-warning small' }, `Still stopping after ${Math.round(since / 1000)} s — the current tool must finish. `, resend));
  }

  function drawOutcome(state: ElementState): void {
    if (!state.cancelled) {
      replace(outcome, state.status === 'failed' && state.error
        ? h('div', { class: 'notice notice-failed' }, h('strong', {}, '✗ Task failed'), h('p', { class: 'small' }, state.error))
        : null);
      return;
    }
    const { reason, message, partialResult } = state.cancelled;
    replace(outcome, h('div', { class: 'notice notice-cancelled', 'data-reason': reason },
      h('strong', {}, `⚠️ ${taskCancelledWords(reason)}`),
      h('p', { class: 'small' }, `Reason: ${reason}`, message ? ` — “${message}”` : ''),
      options.readOnly() ? h('p', { class: 'small' }, 'This task was cancelled during execution.') : null,
      partialResult === null ? null : h('div', {}, h('p', { class: 'partial-label' }, 'Partial Result:'),
        h('pre', { class: 'json partial-result' }, json(partialResult)))));
  }

  function drawEntries(state: ElementState): void {
    const reason = state.cancelled?.reason ?? state.cancelRequest?.reason ?? null;
    const keep = new Set<string>();
    let previous: HTMLElement | null = null;
    for (const entry of state.activity) {
      keep.add(entry.key);
      const sig = signature(entry);
      const existing = drawn.get(entry.key);
      let node: HTMLElement;
      if (existing && existing.signature === sig) {
        node = existing.node;
      } else if (existing && entry.kind === 'response' && existing.node.querySelector('.stream-text')) {
        // Streaming text: only the words change; keep the node (and the reader's selection).
        const fresh = renderEntry(entry, reason);
        existing.node.replaceChildren(...fresh.childNodes);
        node = existing.node;
        drawn.set(entry.key, { node, signature: sig });
        announce(existing.signature, sig);
      } else {
        node = renderEntry(entry, reason);
        // A redrawn entry keeps its open <details>.
        existing?.node.querySelectorAll('details').forEach((d, i) => {
          if (d.open) node.querySelectorAll('details')[i]?.setAttribute('open', '');
        });
        existing?.node.replaceWith(node);
        drawn.set(entry.key, { node, signature: sig });
        if (entry.kind === 'response' && !existing) announcer.textContent = 'LLM response started';
      }
      if (node.parentElement !== entries || node.previousElementSibling !== previous) {
        if (previous) previous.after(node);
        else entries.prepend(node);
      }
      previous = node;
    }
    for (const [key, { node }] of drawn) if (!keep.has(key)) { node.remove(); drawn.delete(key); }
    tokens.textContent = state.tokensUsed > 0 ? `Tokens used: ${state.tokensUsed.toLocaleString('en-US')}` : '';
  }

  function announce(before: string, after: string): void {
    if (!before.startsWith('streaming') || after.startsWith('streaming')) return;
    announcer.textContent = after.startsWith('cancelled') ? 'LLM response stopped (task cancelled)' : 'LLM response finished';
  }

  function draw(current: RunState): void {
    if (!openId) return;
    const state = current.elements.get(openId);
    subtitle.textContent = state?.name ?? options.nameOf(openId) ?? openId;
    if (!state) {
      cancelArea.hidden = true;
      replace(entries, h('li', { class: 'empty' }, 'No activity yet.'));
      drawn.clear();
      return;
    }
    if (entries.querySelector(':scope > .empty')) replace(entries);
    drawCancel(state);
    drawOutcome(state);
    drawEntries(state);
  }

  const panel: TaskActivityPanel = {
    element,
    get openElementId() { return openId; },
    open(elementId, from) {
      if (openId !== elementId) {
        replace(entries);
        drawn.clear();
        replace(alert);
        replace(status);
      }
      openId = elementId;
      opener = from ?? (document.activeElement instanceof HTMLElement ? document.activeElement : null);
      element.hidden = false;
      if (run) draw(run);
      title.focus();
      options.onOpen(elementId);
    },
    close() {
      if (!openId) return;
      openId = null;
      element.hidden = true;
      window.clearTimeout(slowTimer);
      options.onClose();
      opener?.focus();
    },
    update(current) {
      run = current;
      draw(current);
    },
  };
  return panel;
}
