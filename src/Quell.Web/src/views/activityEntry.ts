// One entry of the Task Activity panel, drawn from the folded run. Everything from the model, a tool or a user is
// set as text, never as HTML.

import { h } from '../dom';
import type { ActivityEntry } from '../run/runState';

export const clockTime = (iso: string): string =>
  new Date(iso).toLocaleTimeString('en-US', { hour: 'numeric', minute: '2-digit', second: '2-digit' });

export const json = (value: unknown): string => JSON.stringify(value, null, 2) ?? 'null';

const toolStatus: Record<string, string> = {
  running: '… Running', complete: '✓ Complete', failed: '✗ Failed', cancelled: '■ Cancelled',
};

/** What changes while an entry streams; an entry is redrawn only when this does. */
export function signature(entry: ActivityEntry): string {
  switch (entry.kind) {
    case 'response': return `${entry.status}:${entry.text.length}`;
    case 'tool': return entry.status;
    default: return '';
  }
}

export function renderEntry(entry: ActivityEntry, cancelReason: string | null): HTMLElement {
  const time = h('time', { class: 'entry-time', datetime: entry.time }, clockTime(entry.time));
  const item = (kind: string, ...content: (Node | string | null | false)[]) =>
    h('li', { class: `entry entry-${kind}`, 'data-entry': entry.key }, time, ...content);
  switch (entry.kind) {
    case 'thinking':
      return item('thinking', h('div', { class: 'entry-title' }, '🤔 Thinking…'));
    case 'response':
      return item('response',
        h('div', { class: 'entry-title' }, '💬 LLM Response', entry.model ? h('span', { class: 'muted small' }, ` · ${entry.model}`) : null),
        // Not a live region: screen readers hear "started" and "finished", not every token.
        h('pre', { class: 'stream-text' }, entry.text || (entry.status === 'streaming' ? '…' : '')),
        entry.status === 'cancelled'
          ? h('p', { class: 'entry-flag' }, `⚠️ (Partial response - task cancelled${cancelReason ? `: ${cancelReason}` : ''})`) : null,
        entry.late ? h('p', { class: 'entry-flag entry-late' }, '⚠️ Arrived after the task was cancelled') : null);
    case 'tool':
      return item(`tool entry-tool-${entry.status}`,
        h('div', { class: 'entry-title' }, `🔧 ${entry.tool} `, h('span', { class: `tool-status tool-${entry.status}` }, toolStatus[entry.status] ?? entry.status)),
        h('details', {}, h('summary', {}, 'Arguments'), h('pre', { class: 'json' }, json(entry.arguments))),
        entry.status === 'running' ? null
          : h('details', {}, h('summary', {}, entry.error ? 'Error' : 'Result'), h('pre', { class: 'json' }, entry.error ?? json(entry.result))),
        entry.late ? h('p', { class: 'entry-flag entry-late' }, '⚠️ Arrived after the task was cancelled') : null);
    case 'retry':
      return item('retry', h('div', { class: 'entry-title' }, `↻ Retry ${entry.attempt} in ${(entry.delayMs / 1000).toFixed(1)} s`),
        h('p', { class: 'small muted' }, entry.error));
    case 'cancel-request':
      return item('cancel-request', h('div', { class: 'entry-title' }, `🛑 Cancel requested (${entry.reason})`),
        entry.message ? h('p', { class: 'small' }, entry.message) : null);
    case 'cancel-failed':
      return item('cancel-failed', h('div', { class: 'entry-title' }, '❌ Cannot cancel task'), h('p', { class: 'small' }, entry.error));
    case 'waiting':
      return item('waiting', h('div', { class: 'entry-title' }, '⏸ Waiting for input'), entry.prompt ? h('p', { class: 'small' }, entry.prompt) : null);
    case 'completed':
      return item('completed', h('div', { class: 'entry-title' }, '✓ Completed'),
        entry.output === null ? null : h('details', {}, h('summary', {}, 'Output'), h('pre', { class: 'json' }, typeof entry.output === 'string' ? entry.output : json(entry.output))));
    case 'failed':
      return item('failed', h('div', { class: 'entry-title' }, '✗ Failed'), h('p', { class: 'small' }, entry.error));
  }
}
