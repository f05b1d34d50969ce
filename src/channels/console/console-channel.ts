/**
 * The console channel: the terminal subscribes to the default briefing at its delivery time, and
 * is shown today's briefing at start (unless its scheduled delivery just printed it).
 */
import type { Channel, ChannelState } from '../../core/ports.js';
import type { Briefing, BriefingDefinition } from '../../core/types.js';
import type { BriefingService } from '../../service/index.js';
import { createConsolePublisher, type ConsolePublisherOptions } from './console-publisher.js';

/** What the console channel needs. */
export interface ConsoleChannelDeps extends ConsolePublisherOptions {
  service: BriefingService;
  /** The briefing the terminal receives. */
  briefing: BriefingDefinition;
}

/** The console channel. */
export interface ConsoleChannel extends Channel {
  /**
   * Prints today's briefing, unless the scheduled delivery already printed it at or after `since`
   * (epoch ms). Returns what was printed.
   */
  showToday(since: number): Promise<Briefing | undefined>;
  /** Composes (or reads) today's edition and prints it, whatever was delivered: `npm start -- --once`. */
  showOnce(): Promise<Briefing>;
}

const STDOUT = { platform: 'console', destination: 'stdout' } as const;

/** Creates the console channel. `start` (re)subscribes the terminal at the briefing's time and zone. */
export function createConsoleChannel(deps: ConsoleChannelDeps): ConsoleChannel {
  const publisher = createConsolePublisher(deps);
  let state: ChannelState = 'stopped';
  let subscriptionId: string | undefined;
  return {
    platform: 'console',
    publisher,
    exclusive: false,
    state: () => state,
    health: () => ({ platform: 'console', state, mode: 'terminal' }),
    async start() {
      const sub = await deps.service.updateSubscription(deps.briefing, STDOUT, { deliveryTime: deps.briefing.deliveryTime, timeZone: deps.briefing.timeZone, resume: true });
      subscriptionId = sub.id;
      state = 'running';
    },
    async standby() {
      state = 'standby';
    },
    async stop() {
      state = 'stopped';
    },
    async showToday(since) {
      if (subscriptionId !== undefined && (await deps.service.deliveredSince(subscriptionId, since))) return undefined;
      const briefing = await deps.service.briefNow(deps.briefing);
      await publisher.send(STDOUT, briefing);
      return briefing;
    },
    async showOnce() {
      const edition = await deps.service.getOrComposeEdition(deps.briefing);
      await publisher.send(STDOUT, edition.briefing);
      return edition.briefing;
    },
  };
}
