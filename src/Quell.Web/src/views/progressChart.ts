// Progress over time from the job's stored progress events: a small line chart, drawn as SVG.

import type { JobEvent } from '../api';
import { svg } from '../dom';

const width = 320;
const height = 90;

export function progressChart(events: JobEvent[], startedAt: string | null): SVGElement {
  const points = events
    .filter((e) => e.type === 'job.progress' && typeof e.data.percent === 'number')
    .map((e) => ({ t: Date.parse(e.time), p: e.data.percent as number }));
  const start = startedAt ? Date.parse(startedAt) : points[0]?.t ?? 0;
  const series = [{ t: start, p: 0 }, ...points];
  const end = Math.max(start + 1, ...series.map((s) => s.t));
  const x = (t: number) => ((t - start) / (end - start)) * (width - 8) + 4;
  const y = (p: number) => height - 4 - (p / 100) * (height - 8);
  const path = series.map((s, i) => `${i === 0 ? 'M' : 'L'}${x(s.t).toFixed(1)},${y(s.p).toFixed(1)}`).join(' ');
  const chart = svg('svg', { viewBox: `0 0 ${width} ${height}`, preserveAspectRatio: 'none', class: 'chart', role: 'img', 'aria-label': `Progress over time: ${points.length} readings, last ${points.at(-1)?.p.toFixed(1) ?? 0}%` },
    svg('line', { x1: 4, y1: y(100), x2: width - 4, y2: y(100), class: 'chart-grid' }),
    svg('line', { x1: 4, y1: y(50), x2: width - 4, y2: y(50), class: 'chart-grid' }),
    svg('line', { x1: 4, y1: y(0), x2: width - 4, y2: y(0), class: 'chart-axis' }),
    svg('path', { d: path, class: 'chart-line' }));
  return chart;
}
