// csv.analyze's partial results: per file, a table of its columns' statistics.

import { h } from '../dom';
import { bytes, count } from '../format';

interface TopValue { value: string; count: number }
interface Column { name: string; count: number; empty: number; numericCount: number; min: number | null; max: number | null; mean: number | null; distinctEstimate: number; topValues: TopValue[] }
interface FileStats { path: string; rows: number; bytes: number; columns: Column[]; complete: boolean; error?: string | null }

const isFileStats = (value: unknown): value is FileStats =>
  typeof value === 'object' && value !== null && 'path' in value && 'columns' in value && Array.isArray((value as FileStats).columns);

const number = (value: number | null): string =>
  value === null ? '–' : Math.abs(value) >= 1000 || Number.isInteger(value) ? count(Math.round(value * 100) / 100) : value.toFixed(2);

/** The statistics as tables, or null when the results are not csv.analyze's. */
export function csvStatsTables(results: unknown[]): HTMLElement | null {
  const files = results.filter(isFileStats);
  if (files.length === 0) return null;
  return h('div', { class: 'csv-stats' }, files.map(fileTable));
}

function fileTable(file: FileStats): HTMLElement {
  const caption = h('figcaption', {},
    h('span', { class: 'mono' }, file.path), ' ',
    h('span', { class: 'muted' }, `${count(file.rows)} rows, ${bytes(file.bytes)}${file.complete ? '' : ' so far'}`),
    file.error ? h('div', { class: 'notice notice-error' }, file.error) : null);
  if (file.columns.length === 0) return h('figure', { class: 'card' }, caption);
  const head = h('thead', {}, h('tr', {},
    ['Column', 'Values', 'Empty', 'Numeric', 'Min', 'Max', 'Mean', 'Distinct ≈', 'Top values'].map((c) => h('th', { scope: 'col' }, c))));
  return h('figure', { class: 'card' }, caption, h('table', { class: 'table compact' }, head, h('tbody', {}, file.columns.map(columnRow))));
}

function columnRow(column: Column): HTMLElement {
  const top = column.topValues.slice(0, 3).map((t) => `${t.value} (${count(t.count)})`).join(', ');
  return h('tr', {},
    h('th', { scope: 'row' }, column.name),
    h('td', { class: 'numeric' }, count(column.count)),
    h('td', { class: 'numeric' }, count(column.empty)),
    h('td', { class: 'numeric' }, count(column.numericCount)),
    h('td', { class: 'numeric' }, number(column.min)),
    h('td', { class: 'numeric' }, number(column.max)),
    h('td', { class: 'numeric' }, number(column.mean)),
    h('td', { class: 'numeric' }, count(column.distinctEstimate)),
    h('td', { class: 'top-values' }, top || '–'));
}
