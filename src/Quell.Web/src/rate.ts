// Rate and time left from successive progress readings, smoothed so a bursty job does not make the ETA jump.

import type { Job } from './api';
import { bytes, count, duration } from './format';

interface Sample {
  at: number;
  current: number;
  rate: number | null;
}

/** Units of a job type's progress, where they are known. */
const byteTypes = new Set(['csv.analyze']);

export class RateTracker {
  private readonly samples = new Map<string, Sample>();

  /** Feeds the job's latest progress; returns the smoothed rate per second, or null before two readings. */
  observe(job: Job, at = performance.now()): number | null {
    const current = job.progress?.current;
    if (current === undefined || job.status !== 'running') return null;
    const previous = this.samples.get(job.id);
    if (!previous) {
      this.samples.set(job.id, { at, current, rate: null });
      return null;
    }
    const seconds = (at - previous.at) / 1000;
    if (seconds < 0.25) return previous.rate;
    const instant = Math.max(0, (current - previous.current) / seconds);
    const rate = previous.rate === null ? instant : previous.rate * 0.7 + instant * 0.3;
    this.samples.set(job.id, { at, current, rate });
    return rate;
  }

  static describeRate(job: Job, rate: number | null): string {
    if (rate === null) return '–';
    return byteTypes.has(job.type) ? `${bytes(rate)}/s` : `${count(Math.round(rate))}/s`;
  }

  static describeEta(job: Job, rate: number | null): string {
    const progress = job.progress;
    if (rate === null || rate <= 0 || !progress?.total) return '–';
    return duration(((progress.total - progress.current) / rate) * 1000);
  }
}
