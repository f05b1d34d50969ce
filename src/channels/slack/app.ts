/**
 * The Slack app (bolt): `/briefing` answers at once from the cached edition, and a channel can
 * subscribe to the morning digest. HTTP mode: bolt's HTTPReceiver verifies signatures on the
 * app's own server at /slack/events. Channels are thin: parse, call the service, render, reply.
 */
import { App, HTTPReceiver, LogLevel, webApi } from '@slack/bolt';
import { ChannelError } from '../../core/errors.js';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { filterBriefing } from '../../service/index.js';
import type { BriefingService } from '../../service/index.js';
import type { Logger } from '../../core/ports.js';
import type { BriefingDefinition } from '../../core/types.js';
import { isValidHhmm, isValidTimeZone } from '../../core/time.js';
import { renderSlack } from './render.js';
import { createSocketModeReceiver } from './socket-receiver.js';

/** What the Slack app needs. */
export interface SlackAppDeps {
  botToken: string;
  /** HTTP mode: the signing secret that verifies requests. */
  signingSecret?: string;
  /** Socket Mode: the app-level token (xapp-…); used instead of HTTP when given. */
  appToken?: string;
  service: BriefingService;
  briefing: BriefingDefinition;
  log: Logger;
  /** Web API base URL, ending in /api/ (tests point it at a fake). */
  apiUrl?: string;
  /** Clock for the future-timestamp check (default: now). */
  now?: () => number;
}

const HELP = [
  'أوامر /briefing:',
  '/briefing — موجز اليوم (لك وحدك، مع زر لنشره في القناة)',
  '/briefing <موضوع أو كلمة> — الأخبار المطابقة فقط',
  '/briefing subscribe [HH:MM] [المنطقة] — اشتراك القناة في موجز الصباح',
  '/briefing unsubscribe — إلغاء الاشتراك',
  '/briefing settings — إعدادات الاشتراك',
  '/briefing help — هذه القائمة',
].join('\n');

/** The Slack app, the request handler to mount at /slack/events (HTTP mode), and start/stop (Socket Mode). */
export interface SlackChannel {
  app: App;
  mode: 'http' | 'socket';
  /** Handles POST /slack/events: rejects timestamps more than 5 minutes ahead, then bolt verifies the signature. */
  handle(req: IncomingMessage, res: ServerResponse): void;
  /** Opens the Socket Mode connection (nothing to do in HTTP mode). */
  start(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Creates the Slack channel. Checks the bot token once with auth.test (a bad token is a
 * ChannelError here, not a failure on every command), and hands bolt the bot's ids so that it
 * does not call auth.test again for each request.
 */
export async function createSlackChannel(deps: SlackAppDeps): Promise<SlackChannel> {
  const { service, briefing, log } = deps;
  const now = deps.now ?? (() => Date.now());
  const clientOptions = deps.apiUrl ? { slackApiUrl: deps.apiUrl, retryConfig: { retries: 0 } } : { retryConfig: { retries: 0 } };
  let auth: { user_id?: string; bot_id?: string };
  try {
    auth = await new webApi.WebClient(deps.botToken, { ...clientOptions, logLevel: LogLevel.ERROR }).auth.test();
  } catch (err) {
    throw new ChannelError('slack_auth_failed', `Slack rejected the bot token or could not be reached (${(err as { data?: { error?: string } }).data?.error ?? (err as Error).message}): check SLACK_BOT_TOKEN.`, { cause: err });
  }
  const socket = deps.appToken ? createSocketModeReceiver({ appToken: deps.appToken, ...(deps.apiUrl ? { apiUrl: deps.apiUrl } : {}) }) : undefined;
  if (!socket && !deps.signingSecret) throw new ChannelError('slack_config', 'Slack needs SLACK_SIGNING_SECRET (HTTP mode) or SLACK_APP_TOKEN (Socket Mode).');
  const http = socket ? undefined : new HTTPReceiver({ signingSecret: deps.signingSecret!, endpoints: '/slack/events', logLevel: LogLevel.ERROR });
  const receiver = socket ?? http!;
  const app = new App({
    token: deps.botToken,
    ...(auth.bot_id ? { botId: auth.bot_id } : {}),
    ...(auth.user_id ? { botUserId: auth.user_id } : {}),
    receiver,
    tokenVerificationEnabled: false,
    logLevel: LogLevel.ERROR,
    clientOptions,
  });

  const answers = new Map<string, Parameters<Parameters<Parameters<App['command']>[1]>[0]['ack']>[0]>();
  const postButton = { type: 'actions', elements: [{ type: 'button', action_id: 'post_briefing', text: { type: 'plain_text', text: 'انشر في القناة' }, value: 'all' }] };

  app.command('/briefing', async ({ command, ack, respond, client }) => {
    // Slack needs ack() within 3 s: answer from the cached edition, compose only in the background.
    const words = command.text.trim().split(/\s+/).filter(Boolean);
    const sub = (words[0] ?? '').toLowerCase();
    const ref = { platform: 'slack' as const, destination: command.channel_id };
    if (sub === 'help') return void (await ack({ response_type: 'ephemeral', text: HELP }));
    if (sub === 'subscribe') {
      const time = words[1] ?? briefing.deliveryTime;
      const zone = words[2] ?? briefing.timeZone;
      if (!isValidHhmm(time)) return void (await ack({ response_type: 'ephemeral', text: 'الوقت غير صالح. اكتبه هكذا: /briefing subscribe 07:30 Asia/Riyadh' }));
      if (!isValidTimeZone(zone)) return void (await ack({ response_type: 'ephemeral', text: `المنطقة الزمنية «${zone}» غير معروفة. اكتب اسماً مثل Asia/Riyadh.` }));
      const info = await client.conversations.info({ channel: command.channel_id }).catch(() => undefined);
      if (!info?.channel?.is_member) return void (await ack({ response_type: 'ephemeral', text: 'أضف البوت إلى هذه القناة أولاً (/invite)، ثم اشترك.' }));
      await service.subscribe({ ...ref, briefingId: briefing.id, deliveryTime: time, timeZone: zone });
      return void (await ack({ response_type: 'ephemeral', text: `اشتركت هذه القناة. يصلها الموجز كل يوم الساعة ${time} بتوقيت ${zone}.` }));
    }
    if (sub === 'unsubscribe') {
      const had = await service.unsubscribe(ref, briefing.id);
      return void (await ack({ response_type: 'ephemeral', text: had ? 'أُلغي اشتراك هذه القناة.' : 'هذه القناة غير مشتركة.' }));
    }
    if (sub === 'settings') {
      const s = await service.subscription(ref, briefing.id);
      const text = !s || s.status === 'gone' ? 'هذه القناة غير مشتركة. اكتب /briefing subscribe' : `الوقت: ${s.deliveryTime}\nالمنطقة: ${s.timeZone}\nالحالة: ${s.status === 'active' ? 'نشط' : `موقوف (${s.statusReason ?? ''})`}`;
      return void (await ack({ response_type: 'ephemeral', text }));
    }
    const topic = command.text.trim().slice(0, 200);
    const edition = await service.cachedEdition(briefing);
    const answer = (b: Awaited<ReturnType<BriefingService['briefNow']>>) => {
      const filtered = topic ? filterBriefing(b, [topic]) : b;
      if (topic && filtered.groups.length === 0) return { response_type: 'ephemeral' as const, text: `لا توجد أخبار عن «${topic}» في موجز اليوم. جرّب /briefing للموجز كاملاً.` };
      const [first] = renderSlack(filtered);
      return { response_type: 'ephemeral' as const, text: first!.text, blocks: [...first!.blocks, ...(topic ? [] : [postButton])] };
    };
    if (edition) {
      // The same edition and topic give the same answer: render it once.
      const key = `${edition.id}|${topic}`;
      let payload = answers.get(key);
      if (!payload) {
        payload = answer(edition.briefing);
        if (answers.size > 256) answers.clear();
        answers.set(key, payload);
      }
      return void (await ack(payload));
    }
    await ack({ response_type: 'ephemeral', text: 'جاري تحضير موجز اليوم، سيصلك خلال لحظات.' });
    // response_url takes up to 5 answers within 30 minutes; this is one.
    const b = await service.briefNow(briefing);
    await respond(answer(b));
  });

  app.action('post_briefing', async ({ ack, body, client, respond }) => {
    await ack();
    const channel = (body as { channel?: { id?: string } }).channel?.id;
    const edition = await service.cachedEdition(briefing);
    if (!channel || !edition) return void (await respond({ response_type: 'ephemeral', replace_original: false, text: 'لا يوجد موجز لنشره بعد.' }));
    try {
      for (const m of renderSlack(edition.briefing)) await client.chat.postMessage({ channel, text: m.text, blocks: m.blocks, unfurl_links: false });
    } catch {
      await respond({ response_type: 'ephemeral', replace_original: false, text: 'تعذر النشر: أضف البوت إلى القناة أولاً (/invite).' });
    }
  });

  app.error(async (err) => {
    log.error({ err: err.message, code: (err as { code?: string }).code }, 'slack handler failed');
  });

  return {
    app,
    mode: socket ? 'socket' : 'http',
    async start() {
      if (socket) await app.start();
    },
    async stop() {
      if (socket) await app.stop();
    },
    handle(req, res) {
      if (!http) {
        res.writeHead(404, { 'content-type': 'text/plain' }).end('Slack runs in Socket Mode');
        return;
      }
      const ts = Number(req.headers['x-slack-request-timestamp']);
      // bolt rejects requests older than 5 minutes; one from more than 5 minutes ahead is a replay risk too.
      if (Number.isFinite(ts) && ts * 1000 > now() + 5 * 60_000) {
        res.writeHead(401, { 'content-type': 'text/plain' }).end('request timestamp is in the future');
        return;
      }
      http.requestListener(req, res);
    },
  };
}
