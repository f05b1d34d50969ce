/**
 * Pacing by sliding windows: each rule allows `limit` sends per `perMs` for its key. A send
 * reserves the earliest instant every rule of its destination allows, so concurrent senders queue
 * in order instead of bursting into the platform's limits (and 429s).
 */
import type { RateRule } from '../core/ports.js';

/** A rate limiter shared by every sender of a process. */
export interface RateLimiter {
  /** Reserves a send under all `rules` and returns how many ms to wait before sending (0 = now). */
  reserve(rules: readonly RateRule[], now: number): number;
  /** Holds every send under `key` until `untilMs` (a platform's retry_after for one destination). */
  block(key: string, untilMs: number): void;
  /** Number of keys tracked (for tests and metrics). */
  size(): number;
}

/** Creates a rate limiter. Keys idle for longer than their window are forgotten. */
export function createRateLimiter(): RateLimiter {
  // Per key: reserved send instants in ascending order (at most `limit` kept) and a block.
  const windows = new Map<string, number[]>();
  const blocks = new Map<string, number>();
  let lastSweep = 0;

  function allowedAt(rule: RateRule, t: number): number {
    const w = windows.get(rule.key);
    let at = Math.max(t, blocks.get(rule.key) ?? 0);
    if (w && w.length >= rule.limit) at = Math.max(at, w[w.length - rule.limit]! + rule.perMs);
    return at;
  }

  function sweep(now: number): void {
    if (now - lastSweep < 60_000) return;
    lastSweep = now;
    for (const [key, w] of windows) if (w[w.length - 1]! < now - 3_600_000) windows.delete(key);
    for (const [key, until] of blocks) if (until < now) blocks.delete(key);
  }

  return {
    reserve(rules, now) {
      sweep(now);
      let at = now;
      // Each rule can only push the instant later; a few rounds reach the fixed point.
      for (let round = 0; round < 8; round++) {
        let next = at;
        for (const r of rules) next = Math.max(next, allowedAt(r, at));
        if (next === at) break;
        at = next;
      }
      for (const r of rules) {
        let w = windows.get(r.key);
        if (!w) windows.set(r.key, (w = []));
        // Keep instants sorted: reservations made later are never earlier for the same key.
        let i = w.length;
        while (i > 0 && w[i - 1]! > at) i--;
        w.splice(i, 0, at);
        if (w.length > r.limit) w.splice(0, w.length - r.limit);
      }
      return at - now;
    },
    block(key, untilMs) {
      blocks.set(key, Math.max(untilMs, blocks.get(key) ?? 0));
    },
    size() {
      return windows.size;
    },
  };
}
