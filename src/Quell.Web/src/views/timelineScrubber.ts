// The timeline scrubber of a finished run: drag through its history and the canvas and panels show the run as it
// stood after that event — folded again from the stored events, so it is exactly what the live view showed then.

import type { JobEvent } from '../api';
import { h } from '../dom';
import { clockTime } from './activityEntry';

export interface TimelineScrubber {
  readonly element: HTMLElement;
  /** More events arrived (only before the stream ended, which is before the scrubber shows). */
  grow(events: readonly JobEvent[]): void;
}

export function timelineScrubber(events: readonly JobEvent[], onMove: (count: number) => void): TimelineScrubber {
  const range = h('input', { type: 'range', id: 'timeline', min: 1, max: Math.max(1, events.length), value: events.length, step: 1 });
  const label = h('output', { for: 'timeline', class: 'scrubber-label' });
  const end = h('button', { type: 'button', class: 'button button-small' }, 'End');
  const element = h('div', { class: 'scrubber card' },
    h('label', { for: 'timeline', class: 'scrubber-title' }, 'Timeline'), range, label, end);

  const describe = (count: number) => {
    const event = events[count - 1];
    label.textContent = event ? `${count} / ${events.length} · ${clockTime(event.time)} · ${event.type}` : '';
    range.setAttribute('aria-valuetext', label.textContent);
  };
  range.addEventListener('input', () => {
    const count = Number(range.value);
    describe(count);
    onMove(count);
  });
  end.addEventListener('click', () => {
    range.value = String(events.length);
    describe(events.length);
    onMove(events.length);
  });
  describe(events.length);

  return {
    element,
    grow(all) {
      const atEnd = Number(range.value) === Number(range.max);
      range.max = String(all.length);
      if (atEnd) range.value = String(all.length);
      describe(Number(range.value));
    },
  };
}
