/**
 * Pacing by sliding windows: each rule allows `limit` sends per `perMs` for its key. A send
 * reserves the earliest instant every rule of its destination allows, so concurrent senders queue
 * in order instead of bursting into the platform's limits (and 429s). Rules that bind the whole
 * bot are shared with the other running instances (see setShare).
 */
import type { RateRule } from '../core/ports.js';

/** A rate limiter shared by every sender of a process. */
export interface RateLimiter {
  /** Reserves a send under all `rules` and returns how many ms to wait before sending (0 = now). */
  reserve(rules: readonly RateRule[], now: number): number;
  /**
   * Moves a send reserved for `reservedAt` to the instant it actually left, `sentAt`, when that is
   * later (an event loop that was busy, a slow database): the windows then hold what the platform
   * saw, and the next sends keep their distance from it instead of following at once.
   */
  settle(rules: readonly RateRule[], reservedAt: number, sentAt: number): void;
  /**
   * Gives back a send reserved for `reservedAt` that did not go out (it waits for its turn again),
   * in each window that still holds every instant reserved in it: in a full one the instant stays
   * (an earlier send it pushed out would no longer count), and the next sends wait as if it left.
   */
  release(rules: readonly RateRule[], reservedAt: number): void;
  /** Holds every send under `key` until `untilMs` (a platform's retry_after for one destination). */
  block(key: string, untilMs: number): void;
  /**
   * Sets how many instances share the bot-wide rules (scope `bot`): each instance then keeps to
   * 1/n of them, by allowing 1/n of the sends per window or, for rules of one send, windows n
   * times as long (default 1).
   */
  setShare(instances: number): void;
  /**
   * Holds the sends under bot-wide rules until `untilMs` plus each rule's window: an instance
   * that joins others, once they have shrunk to their new share (the engine waits for their
   * acknowledgement before it sends any), waits for their last full window at the old share to
   * pass, so that together they keep to the rule at the instants their limiters settle (what
   * the platform receives may bunch: event loops and the network delay sends unevenly).
   */
  holdShared(untilMs: number): void;
  /** The current share (number of instances). */
  share(): number;
  /** Number of keys tracked (for tests and metrics). */
  size(): number;
}

/** Creates a rate limiter. Keys idle for longer than their window are forgotten. */
export function createRateLimiter(): RateLimiter {
  // Per key: reserved send instants in ascending order (at most `limit` kept) and a block.
  const windows = new Map<string, number[]>();
  const blocks = new Map<string, number>();
  let lastSweep = 0;
  let instances = 1;
  let sharedHold = 0;

  function allowedAt(rule: RateRule, t: number): number {
    const w = windows.get(rule.key);
    let at = Math.max(t, blocks.get(rule.key) ?? 0);
    let { limit, perMs } = rule;
    if (rule.scope === 'bot' && sharedHold > 0) at = Math.max(at, sharedHold + perMs);
    if (rule.scope === 'bot' && instances > 1) {
      // This instance's share: fewer sends per window (so that bursts shrink too), or, for a rule
      // of one send per window, longer windows.
      if (limit >= instances) limit = Math.floor(limit / instances);
      else perMs = (perMs * instances) / limit;
    }
    if (w && w.length >= limit) at = Math.max(at, w[w.length - limit]! + perMs);
    return at;
  }

  /** Adds an instant to a window, keeping it sorted and its last `limit` instants only. */
  function record(w: number[], at: number, limit: number): void {
    let i = w.length;
    while (i > 0 && w[i - 1]! > at) i--;
    w.splice(i, 0, at);
    if (w.length > limit) w.splice(0, w.length - limit);
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
        record(w, at, r.limit);
      }
      return at - now;
    },
    settle(rules, reservedAt, sentAt) {
      if (sentAt <= reservedAt) return;
      for (const r of rules) {
        const w = windows.get(r.key);
        if (!w) continue;
        // The reserved instant may already have left a window of one send: the late one still counts.
        const i = w.lastIndexOf(reservedAt);
        if (i >= 0) w.splice(i, 1);
        record(w, sentAt, r.limit);
      }
    },
    release(rules, reservedAt) {
      for (const r of rules) {
        const w = windows.get(r.key);
        if (!w || w.length >= r.limit) continue;
        const i = w.lastIndexOf(reservedAt);
        if (i >= 0) w.splice(i, 1);
      }
    },
    block(key, untilMs) {
      blocks.set(key, Math.max(untilMs, blocks.get(key) ?? 0));
    },
    setShare(n) {
      instances = Number.isFinite(n) && n >= 1 ? Math.floor(n) : 1;
    },
    holdShared(untilMs) {
      sharedHold = Math.max(sharedHold, untilMs);
    },
    share() {
      return instances;
    },
    size() {
      return windows.size;
    },
  };
}
