/** Timing helpers for the benchmarks: per-item times, percentiles, peak memory. */

/** Times of one system over the same items. */
export interface Timing {
  system: string;
  totalMs: number;
  p50Ms: number;
  p99Ms: number;
  perSecond: number;
  errors: number;
}

/** The q-quantile (0..1) of sorted numbers, nearest rank. */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

/** Runs `fn` on every item, timing each call; an exception counts as an error, never stops the run. */
export function timeEach<T>(system: string, items: readonly T[], fn: (item: T) => unknown): Timing {
  const times: number[] = new Array(items.length);
  let errors = 0;
  const started = performance.now();
  for (let i = 0; i < items.length; i++) {
    const t0 = performance.now();
    try {
      fn(items[i]!);
    } catch {
      errors++;
    }
    times[i] = performance.now() - t0;
  }
  const totalMs = performance.now() - started;
  times.sort((a, b) => a - b);
  return { system, totalMs, p50Ms: quantile(times, 0.5), p99Ms: quantile(times, 0.99), perSecond: (items.length * 1000) / totalMs, errors };
}

/** Peak resident set size of this process so far, in MB. */
export function peakRssMb(): number {
  return process.resourceUsage().maxRSS / 1024;
}
