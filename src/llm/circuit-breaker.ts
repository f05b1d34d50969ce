/**
 * A circuit breaker for the model endpoint: after `failureThreshold` failures in a row it opens,
 * and callers fall back at once instead of waiting for timeouts; after `openMs` one trial call is
 * let through (half-open), and its success closes the circuit again. Each change of state is
 * reported once, so that the log says "down" once and "back" once.
 */
import { MAX_RETRY_AFTER_MS } from '../core/retry-after.js';

/** Where the circuit stands. */
export type CircuitState = 'closed' | 'open' | 'half-open';

/** Options for {@link createCircuitBreaker}. */
export interface CircuitBreakerOptions {
  /** Failures in a row that open the circuit (default 3). */
  failureThreshold: number;
  /** How long it stays open before a trial call (default 60,000 ms). */
  openMs: number;
}

/** The breaker's defaults. */
export const DEFAULT_CIRCUIT_BREAKER_OPTIONS: Readonly<CircuitBreakerOptions> = { failureThreshold: 3, openMs: 60_000 };


/** A call let through: an ordinary one, or the one trial of a half-open circuit. */
export type CircuitPass = 'call' | 'trial';

/** A circuit breaker. */
export interface CircuitBreaker {
  /** Whether a call may go out now (in half-open, only one at a time, the trial): false, or what the call is. */
  allow(): CircuitPass | false;
  /** A call that succeeded (`pass`: what {@link CircuitBreaker.allow} let it out as; default 'call'): the circuit closes. */
  success(pass?: CircuitPass): void;
  /**
   * A failed call (`pass` as for success); `holdMs`: the endpoint asked not to be called for that
   * long (a long Retry-After), which opens the circuit at once for at least that long (a day at most). A call let
   * out before the circuit opened that fails once it is open or half-open is old news: it neither
   * ends the trial nor keeps the circuit open longer, unless it brings such a hold.
   */
  failure(pass?: CircuitPass, holdMs?: number): void;
  /**
   * A call let through that ended as neither (given up by its caller): when it was the trial, a
   * trial may go out again. A call let through before the circuit opened frees nothing: the trial
   * in flight stays the only one.
   */
  release(pass: CircuitPass): void;
  state(): CircuitState;
}

/** Creates a breaker; `onChange` hears every change of state (and the state before it), `now` is the clock (epoch ms). */
export function createCircuitBreaker(
  options: Partial<CircuitBreakerOptions> = {},
  onChange: (state: CircuitState, previous: CircuitState) => void = () => {},
  now: () => number = Date.now,
): CircuitBreaker {
  const o = { ...DEFAULT_CIRCUIT_BREAKER_OPTIONS, ...options };
  let state: CircuitState = 'closed';
  let failures = 0;
  let openedAt = 0;
  let openFor = o.openMs;
  let trialInFlight = false;
  const set = (s: CircuitState): void => {
    if (s === state) return;
    const previous = state;
    state = s;
    onChange(s, previous);
  };
  return {
    allow() {
      if (state === 'open' && now() - openedAt >= openFor) set('half-open');
      if (state === 'closed') return 'call';
      if (state === 'half-open' && !trialInFlight) {
        trialInFlight = true;
        return 'trial';
      }
      return false;
    },
    success() {
      failures = 0;
      trialInFlight = false;
      set('closed');
    },
    failure(pass = 'call', holdMs) {
      const hold = holdMs !== undefined && holdMs > 0;
      if (pass === 'trial') trialInFlight = false;
      else if (state !== 'closed' && !hold) return;
      failures++;
      if (hold || state === 'half-open' || failures >= o.failureThreshold) {
        openedAt = now();
        openFor = Math.max(o.openMs, hold ? Math.min(holdMs, MAX_RETRY_AFTER_MS) : 0);
        set('open');
      }
    },
    release(pass) {
      if (pass === 'trial') trialInFlight = false;
    },
    state: () => (state === 'open' && now() - openedAt >= openFor ? 'half-open' : state),
  };
}
