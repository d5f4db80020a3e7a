// A 400 "Invalid workflow" as the user reads it: every error with its line, element and field.

import type { ApiError } from '../api';
import { h } from '../dom';

interface LoadError { line?: number; column?: number; elementId?: string | null; field?: string | null; message?: string }

export function problemList(error: ApiError): HTMLElement {
  const errors = Array.isArray(error.body.errors) ? (error.body.errors as LoadError[]) : [];
  if (errors.length === 0) return h('div', {}, h('strong', {}, error.title), error.detail ? ` — ${error.detail}` : '');
  return h('div', {},
    h('strong', {}, error.title), ` — ${errors.length} ${errors.length === 1 ? 'error' : 'errors'}:`,
    h('ul', { class: 'problem-list' }, errors.map((e) => h('li', {},
      h('span', { class: 'mono' }, `line ${e.line ?? '?'}${e.column ? `:${e.column}` : ''}`),
      e.elementId ? [' · element ', h('span', { class: 'mono' }, e.elementId)] : null,
      e.field ? [' · field ', h('span', { class: 'mono' }, e.field)] : null,
      ` — ${e.message ?? ''}`))));
}
