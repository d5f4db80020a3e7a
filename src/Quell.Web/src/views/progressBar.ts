import type { Job } from '../api';
import { h } from '../dom';

/** A progress bar with its percent; indeterminate (striped) while the total is unknown. */
export function progressBar(job: Job): HTMLElement {
  const percent = job.progress?.percent ?? (job.status === 'completed' ? 100 : null);
  const label = percent === null ? (job.progress ? 'in progress' : 'not started') : `${percent.toFixed(1)}%`;
  const bar = h('div', {
    class: `progress progress-${job.status}${percent === null && job.status === 'running' ? ' progress-unknown' : ''}`,
    role: 'progressbar',
    'aria-valuemin': 0,
    'aria-valuemax': 100,
    'aria-valuenow': percent === null ? null : percent.toFixed(1),
    'aria-label': `Progress ${label}`,
  });
  const fill = h('div', { class: 'progress-fill' });
  // A CSS variable set through the CSSOM: allowed by the style-src 'self' policy, unlike a style attribute.
  fill.style.setProperty('--percent', `${percent ?? 0}%`);
  bar.append(fill);
  return h('div', { class: 'progress-cell' }, bar, h('span', { class: 'progress-label' }, label));
}
