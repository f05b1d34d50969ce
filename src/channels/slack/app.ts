/**
 * The Slack channel (bolt): `/briefing` answers at once from the cached edition; a channel, or a
 * person in their DM with the app, subscribes to one briefing or several, with words and muted
 * outlets of their own. HTTP mode: bolt's HTTPReceiver verifies signatures on the
 * instance's own server at /slack/events; Socket Mode when an app-level token is given. One
 * router, one file per sub-command under commands/.
 */
import { App, HTTPReceiver, LogLevel, webApi } from '@slack/bolt';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ChannelError } from '../../core/errors.js';
import type { Channel, ChannelState } from '../../core/ports.js';
import type { Briefing } from '../../core/types.js';
import { briefSubcommand } from './commands/brief.js';
import { briefingsSubcommand } from './commands/briefings.js';
import { ACK_BUDGET_MS, beforeAck, briefingsOf, changesSettings, createAdminCheck, createDmOpener, isDirectMessage, isGroupDm, routeSubcommand, TOO_SLOW, type SlackAnswer, type Subcommand, type SubcommandDeps } from './commands/command.js';
import { filterSubcommand } from './commands/filter.js';
import { muteSubcommand } from './commands/mute.js';
import { helpSubcommand } from './commands/help.js';
import { registerPostButton, type PostLease } from './commands/post-button.js';
import { settingsSubcommand } from './commands/settings.js';
import { subscribeSubcommand } from './commands/subscribe.js';
import { timeSubcommand } from './commands/time.js';
import { topicsOnlyShows, topicsSubcommand } from './commands/topics.js';
import { unmuteSubcommand } from './commands/unmute.js';
import { unsubscribeSubcommand } from './commands/unsubscribe.js';
import { boltLogger } from './bolt-log.js';
import { createSlackPublisher } from './publisher.js';
import { rightToLeftAnswer } from './render.js';
import { createSocketModeReceiver } from './socket-receiver.js';
import { SLACK_TEXT } from './texts.js';

/** What the Slack channel needs. */
export interface SlackAppDeps extends SubcommandDeps {
  botToken: string;
  /** HTTP mode: the signing secret that verifies requests. */
  signingSecret?: string;
  /** Socket Mode: the app-level token (xapp-…); used instead of HTTP when given. */
  appToken?: string;
  /** Web API base URL, ending in /api/ (tests point it at a fake). */
  apiUrl?: string;
  /** Socket Mode: how long a start waits for the socket to open before it gives up and is tried again (default 30 s). */
  socketStartTimeoutMs?: number;
  /** Clock for the future-timestamp check (default: now). */
  now?: () => number;
  /** Mounts a route on the instance's HTTP server (HTTP mode mounts /slack/events at start). */
  route?(method: string, path: string, handler: (req: IncomingMessage, res: ServerResponse) => void): void;
  /**
   * A lease shared by every instance (the store's): a press of «انشر في القناة» holds one per
   * (channel, edition) for a minute, so that a double click whose two presses reach two instances
   * posts once. Default: the instance's own memory alone.
   */
  postLease?: PostLease;
}

/**
 * The Slack channel: the handler of POST /slack/events (HTTP mode) and the publisher. `start`
 * checks the bot token, then opens the Socket Mode connection or takes HTTP requests; in
 * `standby` the socket is closed and HTTP requests get 503.
 */
export interface SlackChannel extends Channel {
  readonly mode: 'http' | 'socket';
  /** Handles POST /slack/events: rejects timestamps more than 5 minutes ahead, then bolt verifies the signature. */
  handle(req: IncomingMessage, res: ServerResponse): void;
}

/** A text answer read right to left line by line (see {@link rightToLeftAnswer}); one with blocks is a briefing, rendered so already. */
function rightToLeft(answer: SlackAnswer): SlackAnswer {
  return answer.blocks ? answer : { ...answer, text: rightToLeftAnswer(answer.text) };
}

/** The bolt app with the /briefing router and the post button. */
function createBoltApp(deps: SlackAppDeps, receiver: HTTPReceiver | ReturnType<typeof createSocketModeReceiver>, auth: { user_id?: string; bot_id?: string }, clientOptions: object, logger: ReturnType<typeof boltLogger>): App {
  const app = new App({
    token: deps.botToken,
    ...(auth.bot_id ? { botId: auth.bot_id } : {}),
    ...(auth.user_id ? { botUserId: auth.user_id } : {}),
    receiver,
    tokenVerificationEnabled: false,
    logger,
    clientOptions,
  });
  const subscribe = subscribeSubcommand(deps);
  const subcommands: Record<string, Subcommand> = {
    help: helpSubcommand(),
    subscribe,
    time: timeSubcommand(deps, subscribe),
    unsubscribe: unsubscribeSubcommand(deps),
    settings: settingsSubcommand(deps),
    topics: topicsSubcommand(deps),
    filter: filterSubcommand(deps),
    mute: muteSubcommand(deps),
    unmute: unmuteSubcommand(deps),
    briefings: briefingsSubcommand(deps),
  };
  const brief = briefSubcommand(deps);
  const allBriefings = briefingsOf(deps);
  const openDm = createDmOpener(deps.log);
  const isAdmin = createAdminCheck(deps.log);
  app.command('/briefing', async ({ command, ack, respond, client }) => {
    // Slack shows an error when the ack comes after 3 s: the Web API calls before it are bounded.
    const ackBy = Date.now() + ACK_BUDGET_MS;
    const tooSlow = async (): Promise<void> => {
      deps.log.warn({ user: command.user_id }, 'slack: the Web API did not answer before the ack was due; the person is asked to try again');
      await ack(rightToLeft({ response_type: 'ephemeral', text: SLACK_TEXT.slackSlow }) as never);
    };
    const { name, args, text } = routeSubcommand(command.text, Object.keys(subcommands));
    // In a direct message the bot is no member: the subscription lives in the person's DM with the app.
    const direct = isDirectMessage(command);
    const groupDm = isGroupDm(command);
    // With changesBy 'admins', only workspace admins change a channel's settings: a person's own DM
    // is theirs, and a group DM its members' (a private conversation of a few people, no channel's audience).
    if (deps.changesBy === 'admins' && !direct && !groupDm && changesSettings(name, args, (words) => topicsOnlyShows(words, allBriefings))) {
      const admin = await beforeAck(isAdmin(client, command.user_id), ackBy);
      if (admin === TOO_SLOW) return tooSlow();
      if ('trouble' in admin) return void (await ack(rightToLeft({ response_type: 'ephemeral', text: admin.trouble }) as never));
      if (!admin.ok) return void (await ack(rightToLeft({ response_type: 'ephemeral', text: SLACK_TEXT.adminsOnly }) as never));
    }
    const opened = direct ? await beforeAck(openDm(client, command.user_id), ackBy) : undefined;
    if (opened === TOO_SLOW) return tooSlow();
    const dm = opened && 'ok' in opened ? opened.ok : undefined;
    await (name ? subcommands[name]! : brief)({
      args,
      text,
      ref: { platform: 'slack', destination: dm ?? command.channel_id },
      direct,
      ...(groupDm ? { groupDm: true } : {}),
      ...(opened && 'trouble' in opened ? { dmUnavailable: opened.trouble } : {}),
      // A DM other than the person's own with the app has no room for the app's posts.
      ...(direct && dm !== command.channel_id ? { canPostHere: false } : {}),
      ack: (answer) => ack(rightToLeft(answer) as never),
      ackBy,
      respond: async (answer) => void (await respond(rightToLeft(answer) as never)),
      client,
    });
  });
  registerPostButton(app, deps);
  app.error(async (err) => {
    deps.log.error({ err: err.message, code: (err as { code?: string }).code }, 'slack handler failed');
  });
  return app;
}

/** The first wait before a start that failed is tried again, and the longest. */
const FIRST_RETRY_MS = 2_000;
const MAX_RETRY_MS = 5 * 60_000;

/**
 * Creates the Slack channel. Its publisher works at once; `start` checks the bot token once with
 * auth.test (a bad token is a ChannelError there, not a failure on every command) and hands bolt
 * the bot's ids so that it does not call auth.test again for each request.
 */
export function createSlackChannel(deps: SlackAppDeps): SlackChannel {
  if (!deps.appToken && !deps.signingSecret) throw new ChannelError('slack_config', 'Slack needs SLACK_SIGNING_SECRET (HTTP mode) or SLACK_APP_TOKEN (Socket Mode).');
  const now = deps.now ?? (() => Date.now());
  const clientOptions = deps.apiUrl ? { slackApiUrl: deps.apiUrl, retryConfig: { retries: 0 } } : { retryConfig: { retries: 0 } };
  // Its verification failures (a wrong signing secret, a clock off) go to the app's log, once a minute at most; so do the socket client's errors.
  const boltLog = boltLogger(deps.log);
  const socket = deps.appToken ? createSocketModeReceiver({ appToken: deps.appToken, logger: boltLog, ...(deps.apiUrl ? { apiUrl: deps.apiUrl } : {}) }) : undefined;
  const http = socket ? undefined : new HTTPReceiver({ signingSecret: deps.signingSecret!, endpoints: '/slack/events', logger: boltLog });
  const publisher = createSlackPublisher({ token: deps.botToken, ...(deps.apiUrl ? { apiUrl: deps.apiUrl } : {}), ...(deps.editionUrl ? { editionUrl: deps.editionUrl } : {}) });
  let app: App | undefined;
  let state: ChannelState = 'stopped';
  let lastUpdateAt: number | undefined;
  // A start that could not check the bot token (Slack unreachable, the token refused) is tried
  // again, 2 s doubling up to 5 minutes, until it works or the channel is stopped: a blip at boot
  // must not leave /briefing unanswered until a restart.
  let wanted = false;
  let retry: NodeJS.Timeout | undefined;
  let retryMs = FIRST_RETRY_MS;
  let mounted = false;
  // A Socket Mode start is waiting for its socket to open.
  let socketOpening = false;
  const tryAgainLater = (reason: string): void => {
    if (!wanted) return;
    const wait = retryMs;
    retryMs = Math.min(retryMs * 2, MAX_RETRY_MS);
    deps.log.warn({ err: reason, retryInS: wait / 1000 }, `slack: Slack could not be started (${reason}); tried again in ${wait / 1000} s`);
    retry = setTimeout(() => void attempt().catch(() => undefined), wait);
    retry.unref?.();
  };
  /** Checks the token (once it works, never again), then takes commands. */
  async function attempt(): Promise<void> {
    retry = undefined;
    if (!wanted || state === 'running') return;
    if (http && !mounted) {
      // Mounted before the check: while it fails, Slack is told 503 (try later), not 404.
      deps.route?.('POST', '/slack/events', (req, res) => channel.handle(req, res));
      mounted = true;
    }
    if (!app) {
      let auth: { user_id?: string; bot_id?: string };
      try {
        auth = await new webApi.WebClient(deps.botToken, { ...clientOptions, logLevel: LogLevel.ERROR }).auth.test();
      } catch (err) {
        // Slack's own answer (invalid_auth, token_revoked) is about the token; anything else
        // (no answer, an HTTP 404 from something that is not Slack's Web API) about the address.
        const refusal = (err as { data?: { error?: string } }).data?.error;
        const message = refusal
          ? `Slack rejected the bot token (${refusal}): check SLACK_BOT_TOKEN.`
          : `Slack's Web API could not be reached or did not answer as Slack (${(err as Error).message}): check the network${deps.apiUrl ? ', and SLACK_API_URL (it ends in /api/)' : ''}.`;
        tryAgainLater(message);
        throw new ChannelError('slack_auth_failed', message, { cause: err });
      }
      if (!wanted) return;
      app = createBoltApp(deps, socket ?? http!, auth, clientOptions, boltLog);
      app.use(async ({ next }) => {
        lastUpdateAt = now();
        await next();
      });
    }
    if (socket) {
      // The Socket Mode client keeps reconnecting while the socket cannot open, and its start never
      // settles: bounded, so that the rest of the app starts and a stop is not left waiting.
      const opening = app;
      let timer: NodeJS.Timeout | undefined;
      socketOpening = true;
      const waitMs = deps.socketStartTimeoutMs ?? 30_000;
      try {
        await Promise.race([
          opening.start(),
          new Promise<never>((_resolve, reject) => {
            timer = setTimeout(() => reject(new ChannelError('slack_socket_timeout', `Slack's Socket Mode connection did not open within ${waitMs / 1000} s: check SLACK_APP_TOKEN and that wss-primary.slack.com is reachable.`)), waitMs);
          }),
        ]);
      } catch (err) {
        // Closed, so that the client stops reconnecting; the next try opens it again.
        await opening.stop().catch(() => undefined);
        tryAgainLater((err as { data?: { error?: string } }).data?.error ?? (err as Error).message);
        throw err;
      } finally {
        clearTimeout(timer);
        socketOpening = false;
      }
      // Stopped while the socket was opening (a retry under way at SIGTERM): close it again.
      if (!wanted) {
        await app.stop().catch(() => undefined);
        return;
      }
    }
    if (!wanted) return;
    state = 'running';
    retryMs = FIRST_RETRY_MS;
    deps.log.info({}, socket ? 'Slack channel on (Socket Mode)' : 'Slack channel on (HTTP mode at /slack/events)');
  }

  const channel: SlackChannel = {
    platform: 'slack',
    publisher,
    mode: socket ? 'socket' : 'http',
    // Slack spreads events over every open socket (up to 10): each instance may take them.
    exclusive: false,
    state: () => state,
    health: () => ({ platform: 'slack', state, mode: socket ? 'socket' : 'http', ...(lastUpdateAt !== undefined ? { lastUpdateAt } : {}) }),
    async start() {
      if (state === 'running') return;
      wanted = true;
      clearTimeout(retry);
      retryMs = FIRST_RETRY_MS;
      await attempt();
    },
    async standby() {
      if (socket && state === 'running') await app?.stop();
      state = 'standby';
    },
    async stop() {
      wanted = false;
      clearTimeout(retry);
      // A socket still opening is closed too (its pending start then ends).
      if (socket && app && (state === 'running' || socketOpening)) await app.stop().catch(() => undefined);
      state = 'stopped';
    },
    handle(req, res) {
      if (!http) {
        res.writeHead(404, { 'content-type': 'text/plain' }).end('Slack runs in Socket Mode');
        return;
      }
      if (state !== 'running') {
        res.writeHead(503, { 'content-type': 'text/plain' }).end('not taking commands now');
        return;
      }
      const ts = Number(req.headers['x-slack-request-timestamp']);
      // bolt rejects requests older than 5 minutes; one from more than 5 minutes ahead is a replay risk too.
      if (Number.isFinite(ts) && ts * 1000 > now() + 5 * 60_000) {
        boltLog.warn('request timestamp is in the future');
        res.writeHead(401, { 'content-type': 'text/plain' }).end('request timestamp is in the future');
        return;
      }
      http.requestListener(req, res);
    },
  };
  return channel;
}
