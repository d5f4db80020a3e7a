// The input variables of a run as a JSON object, checked as it is typed. It starts with the names the workflow's
// prompts use ({{ period }}), so a user sees what the workflow expects.

import type { WorkflowModel } from '../api';
import { h } from '../dom';

export interface VariablesEditor {
  readonly element: HTMLElement;
  /** The object typed, or null (and the error shown) when it is not one. */
  value(): Record<string, unknown> | null;
  onValidity(listener: (valid: boolean) => void): void;
}

function placeholders(model: WorkflowModel): string[] {
  const names = new Set<string>();
  for (const element of model.elements) {
    for (const text of [element.agent?.prompt, element.agent?.systemPrompt]) {
      for (const match of (text ?? '').matchAll(/\{\{\s*([A-Za-z_][\w]*)\s*\}\}/g)) names.add(match[1]!);
    }
  }
  return [...names];
}

export function variablesEditor(model: WorkflowModel): VariablesEditor {
  const initial = Object.fromEntries(placeholders(model).map((name) => [name, '']));
  const input = h('textarea', { id: 'run-variables', class: 'mono', rows: 3, spellcheck: 'false', 'aria-describedby': 'run-variables-error' });
  input.value = JSON.stringify(initial, null, 2);
  const message = h('p', { id: 'run-variables-error', class: 'text-error small', role: 'alert' });
  const element = h('div', { class: 'field variables-field' }, h('label', { for: 'run-variables' }, 'Input variables (JSON)'), input, message);
  const listeners: ((valid: boolean) => void)[] = [];

  const parse = (): Record<string, unknown> | null => {
    try {
      const value: unknown = JSON.parse(input.value || '{}');
      if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error('The variables must be a JSON object, like {"period": "this week"}.');
      message.textContent = '';
      input.removeAttribute('aria-invalid');
      return value as Record<string, unknown>;
    } catch (e) {
      message.textContent = e instanceof SyntaxError ? `Not valid JSON: ${e.message}` : (e as Error).message;
      input.setAttribute('aria-invalid', 'true');
      return null;
    }
  };
  input.addEventListener('input', () => {
    const valid = parse() !== null;
    listeners.forEach((listener) => listener(valid));
  });
  return { element, value: parse, onValidity: (listener) => listeners.push(listener) };
}
