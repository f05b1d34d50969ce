/**
 * Health that tells the truth, as Kubernetes and Docker expect:
 * - `/livez` fails only when this process is stuck: its event loop blocked for long, or its
 *   schedule no longer ticking;
 * - `/readyz` (and `/healthz`, kept for today's callers) fails when the store cannot be written;
 * - both report, without failing on them, the channels' state (which instance polls Telegram, the
 *   last update seen, the Slack connection): an outage at a platform must not restart us.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { ChannelHealth, Clock, Store } from '../core/ports.js';

/** What the health endpoints read. */
export interface HealthDeps {
  store: Store;
  /** This instance's name (its row of the write probe). */
  owner: string;
  clock: Clock;
  /** The channels' state now. */
  channels(): ChannelHealth[];
  /** The leases this instance takes part in, and whether it holds each now. */
  leases(): Record<string, boolean>;
  /** When the schedule last ticked (epoch ms); undefined before its first tick or when it is off. */
  lastTickAt(): number | undefined;
}

/** Thresholds of {@link createHealth}. */
export interface HealthOptions {
  /** The schedule ticks every minute: older than this, it is stuck (default 3 min). */
  staleTickMs: number;
  /** An event loop blocked longer than this since the last look is stuck (default 20 s). */
  maxLoopDelayMs: number;
}

/** Defaults for {@link HealthOptions}. */
const DEFAULT_HEALTH_OPTIONS: Readonly<HealthOptions> = { staleTickMs: 180_000, maxLoopDelayMs: 20_000 };

type Handler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

/** The health handlers; `stop` ends the event-loop monitor. */
export function createHealth(deps: HealthDeps, options: Partial<HealthOptions> = {}): { livez: Handler; readyz: Handler; stop(): void } {
  const opts = { ...DEFAULT_HEALTH_OPTIONS, ...options };
  const loop = monitorEventLoopDelay({ resolution: 50 });
  loop.enable();
  const send = (res: ServerResponse, ok: boolean, body: object): void =>
    void res.writeHead(ok ? 200 : 503, { 'content-type': 'application/json', 'cache-control': 'no-store' }).end(JSON.stringify({ status: ok ? 'ok' : 'failing', ...body }));
  const platforms = (): object => ({ channels: deps.channels(), leases: deps.leases() });

  return {
    async livez(_req, res) {
      const now = deps.clock.now().getTime();
      const maxDelayMs = Math.round(loop.max / 1e6);
      loop.reset();
      const tick = deps.lastTickAt();
      const problems: string[] = [];
      if (maxDelayMs > opts.maxLoopDelayMs) problems.push(`the event loop was blocked for ${maxDelayMs} ms`);
      if (tick !== undefined && now - tick > opts.staleTickMs) problems.push(`the schedule last ticked ${Math.round((now - tick) / 1000)} s ago`);
      send(res, problems.length === 0, { ...(problems.length ? { problems } : {}), eventLoopMaxDelayMs: maxDelayMs, ...(tick !== undefined ? { lastTickAt: new Date(tick).toISOString() } : {}), ...platforms() });
    },
    async readyz(_req, res) {
      try {
        await deps.store.probeWrite(deps.owner, deps.clock.now().getTime());
        send(res, true, { store: 'writable', ...platforms() });
      } catch (err) {
        // The reason names the store's failure, never a connection string (StoreError redacts it).
        send(res, false, { store: 'not writable', problems: [(err as Error).message], ...platforms() });
      }
    },
    stop() {
      loop.disable();
    },
  };
}
