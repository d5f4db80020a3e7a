// The workflow's elements as a list beside the canvas: the view a keyboard or a screen reader uses, since the
// canvas is neither (bpmn-js #1548). It follows the canvas selection and says each element's state in words.

import type { WorkflowModel } from '../api';
import { h, replace } from '../dom';
import type { ElementStatus, RunState } from '../run/runState';

const typeWords: Record<string, string> = {
  StartEvent: 'Start', EndEvent: 'End', AgenticTask: 'Agentic task', ServiceTask: 'Service task', UserTask: 'User task',
  ExclusiveGateway: 'Exclusive gateway', ParallelGateway: 'Parallel gateway',
};

const statusWords: Record<ElementStatus, string> = {
  idle: '', running: 'Running', waiting: 'Waiting', cancelling: 'Cancelling', completed: 'Completed',
  failed: 'Failed', cancelled: 'Cancelled',
};

export interface ElementList {
  readonly element: HTMLElement;
  select(elementId: string | null): void;
  update(run: RunState | null): void;
}

export function elementList(model: WorkflowModel, onChoose: (elementId: string, button: HTMLElement) => void): ElementList {
  const rows = new Map<string, { item: HTMLLIElement; button: HTMLButtonElement; state: HTMLSpanElement }>();
  const list = h('ol', { class: 'element-list' });
  for (const element of model.elements) {
    const state = h('span', { class: 'element-state' });
    const button = h('button', { type: 'button', class: 'element-button', 'data-element-id': element.id },
      h('span', { class: 'element-name' }, element.name ?? element.id),
      h('span', { class: 'element-type muted small' }, typeWords[element.type] ?? element.type),
      state);
    button.addEventListener('click', () => onChoose(element.id, button));
    const item = h('li', {}, button);
    rows.set(element.id, { item, button, state });
    list.append(item);
  }
  const element = h('nav', { class: 'element-list-card', 'aria-label': 'Workflow elements' },
    h('h2', { class: 'side-title' }, 'Elements'), list);

  return {
    element,
    select(elementId) {
      for (const [id, row] of rows) {
        if (id === elementId) row.button.setAttribute('aria-current', 'true');
        else row.button.removeAttribute('aria-current');
      }
    },
    update(run) {
      over(run, rows);
    },
  };
}

function over(run: RunState | null, rows: Map<string, { button: HTMLButtonElement; state: HTMLSpanElement }>): void {
  for (const [id, row] of rows) {
    const state = run?.elements.get(id);
    const status = state?.status ?? 'idle';
    const words = statusWords[status] + (state?.cancellable && status === 'running' ? ' · can be cancelled' : '');
    if (row.state.textContent !== words) {
      replace(row.state, words);
      row.state.className = `element-state element-state-${status}`;
    }
  }
}
