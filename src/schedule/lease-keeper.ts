/**
 * One holder among instances: a lease in the store, taken and renewed on a timer, given up at
 * stop. Whoever holds it does the one job that only one may do (the Telegram long poll); the
 * others wait. When the holder dies, its lease expires and another takes it at its next try.
 */
import type { Clock, Logger, Store } from '../core/ports.js';

/** What a lease keeper needs. */
export interface LeaseKeeperDeps {
  store: Store;
  /** The lease's name, e.g. "telegram-poller". */
  name: string;
  /** This instance's name. */
  owner: string;
  clock: Clock;
  log: Logger;
  /** Called when this instance takes the lease: start the job. */
  onAcquired(): Promise<void>;
  /** Called when it lost the lease, cannot renew it in time, or stops: stop the job. */
  onLost(): Promise<void>;
}

/** Timings of a lease keeper. */
export interface LeaseKeeperOptions {
  /** How long a lease lasts without renewal (default 8 s). */
  ttlMs: number;
  /** How often it is taken or renewed (default 2 s): a dead holder is replaced within ttl + this. */
  renewMs: number;
}

/** Defaults for {@link LeaseKeeperOptions}: a dead poller is replaced within about 10 s. */
const DEFAULT_LEASE_OPTIONS: Readonly<LeaseKeeperOptions> = { ttlMs: 8_000, renewMs: 2_000 };

/** The longest wait between two tries of a job that fails to start (a revoked token stays revoked). */
const MAX_START_BACKOFF_MS = 5 * 60_000;

/** A running lease keeper. */
export interface LeaseKeeper {
  /** Tries at once, then every `renewMs`. */
  start(): Promise<void>;
  /** Stops trying, gives the lease up and calls onLost if it was held. */
  stop(): Promise<void>;
  /** Whether this instance holds the lease now. */
  holds(): boolean;
  /** Tries to take or renew the lease now (the timer calls this). */
  renew(): Promise<void>;
}

/** Creates a lease keeper. */
export function createLeaseKeeper(deps: LeaseKeeperDeps, options: Partial<LeaseKeeperOptions> = {}): LeaseKeeper {
  const opts = { ...DEFAULT_LEASE_OPTIONS, ...options };
  let held = false;
  let heldUntil = 0;
  let timer: NodeJS.Timeout | undefined;
  let busy: Promise<void> = Promise.resolve();
  let stopped = false;
  // A job that fails to start is tried again after renewMs, doubling, at most MAX_START_BACKOFF_MS.
  let startFailures = 0;
  let retryAt = 0;

  async function change(nowHeld: boolean, why: string): Promise<void> {
    if (nowHeld === held) return;
    held = nowHeld;
    deps.log.info({ lease: deps.name, owner: deps.owner, held }, why);
    if (!held) {
      await deps.onLost().catch((err: unknown) => deps.log.error({ lease: deps.name, err: (err as Error).message }, 'stopping the leased job failed'));
      return;
    }
    try {
      await deps.onAcquired();
      startFailures = 0;
      retryAt = 0;
    } catch (err) {
      // The job cannot start here (a bad token, an unreachable API): give the lease up, so that
      // another instance may try, and try again later, less and less often (not every renewal:
      // a revoked token would fill the log and call the platform every 2 s).
      startFailures++;
      const delay = Math.min(opts.renewMs * 2 ** (startFailures - 1), MAX_START_BACKOFF_MS);
      retryAt = deps.clock.now().getTime() + delay;
      deps.log.error({ lease: deps.name, err: (err as Error).message, failures: startFailures }, `starting the leased job failed; lease given up, next try in ${Math.round(delay / 1000)} s`);
      held = false;
      await deps.store.releaseLease(deps.name, deps.owner).catch(() => undefined);
    }
  }

  async function attempt(): Promise<void> {
    if (stopped) return;
    const now = deps.clock.now().getTime();
    if (!held && now < retryAt) return;
    try {
      const got = await deps.store.holdLease(deps.name, deps.owner, opts.ttlMs, now);
      if (got) heldUntil = now + opts.ttlMs;
      await change(got, got ? 'lease taken: this instance does the job' : 'lease held by another instance: this one waits');
    } catch (err) {
      // The store is away: keep the job only while the last renewal still holds, with a margin,
      // or two instances would do it at once once it expires.
      deps.log.warn({ lease: deps.name, err: (err as Error).message }, 'could not renew the lease');
      if (held && now >= heldUntil - opts.renewMs) await change(false, 'lease not renewed in time: this instance stops the job');
    }
  }

  return {
    holds: () => held,
    renew() {
      busy = busy.then(attempt);
      return busy;
    },
    async start() {
      stopped = false;
      await this.renew();
      timer = setInterval(() => void this.renew(), opts.renewMs);
      timer.unref?.();
    },
    async stop() {
      stopped = true;
      clearInterval(timer);
      timer = undefined;
      await busy;
      if (!held) return;
      await change(false, 'stopping: lease given up');
      await deps.store.releaseLease(deps.name, deps.owner).catch((err: Error) => deps.log.warn({ lease: deps.name, err: err.message }, 'could not give the lease up; it expires by itself'));
    },
  };
}
