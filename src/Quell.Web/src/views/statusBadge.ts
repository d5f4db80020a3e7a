import type { JobStatus } from '../api';
import { h } from '../dom';

/** The status as a coloured badge; the word is the text, so colour is never the only signal. */
export const statusBadge = (status: JobStatus): HTMLElement => h('span', { class: `badge badge-${status}` }, status);
