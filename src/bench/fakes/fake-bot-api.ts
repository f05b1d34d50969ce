/**
 * A fake Telegram Bot API server on 127.0.0.1 that enforces Telegram's limits, for tests and
 * `npm run bench -- telegram`: 30 messages/s overall, 1/s per chat, 20/min per group or channel
 * (429 with retry_after); 403 for chats that blocked the bot; 400 for invalid HTML or a text over
 * 4096 UTF-16 units after entity parsing; migrate_to_chat_id for migrated groups; and it can post
 * updates to a webhook with the secret-token header; 400 for an inline keyboard Telegram refuses
 * (over 100 buttons, over 8 in a row, over about 10 kB, a button's data over 64 bytes). It records every call, answers getChatMember
 * and getChat from what a test sets, and refuses callback queries that are too old. Like Telegram,
 * it remembers the last `allowed_updates` that setWebhook or getUpdates named, and long polling
 * never hands out an update of a type that list leaves out.
 */
import { createServer, type Server } from 'node:http';

/** A message the fake accepted. */
export interface FakeMessage {
  chatId: string;
  text: string;
  threadId?: number;
  at: number;
  messageId: number;
}

/** Counters of what the fake answered. */
export interface FakeStats {
  accepted: number;
  tooManyRequests: number;
  forbidden: number;
  badRequest: number;
  /** Requests to a chat before the retry_after it was given had passed. */
  earlyRetries: number;
  /** getUpdates calls answered 409 because another one came while they waited (two pollers). */
  conflicts: number;
}

const TAGS = new Set(['b', 'strong', 'i', 'em', 'u', 'ins', 's', 'strike', 'del', 'a', 'code', 'pre', 'blockquote', 'tg-spoiler', 'span', 'tg-emoji']);

/** Whether Telegram's HTML parser would accept the text: known tags, balanced, entities only &lt; &gt; &amp; &quot; or numeric. */
function parseTelegramHtml(html: string): { ok: true; visible: string } | { ok: false; error: string } {
  const stack: string[] = [];
  let visible = '';
  let i = 0;
  while (i < html.length) {
    const ch = html[i]!;
    if (ch === '<') {
      const end = html.indexOf('>', i);
      if (end < 0) return { ok: false, error: `unclosed start tag at byte offset ${i}` };
      const m = /^<(\/?)([a-z-]+)(\s[^>]*)?>$/i.exec(html.slice(i, end + 1));
      if (!m || !TAGS.has(m[2]!.toLowerCase())) return { ok: false, error: `unsupported start tag at byte offset ${i}` };
      if (m[1]) {
        if (stack.pop() !== m[2]!.toLowerCase()) return { ok: false, error: `unmatched end tag at byte offset ${i}` };
      } else stack.push(m[2]!.toLowerCase());
      i = end + 1;
    } else if (ch === '&') {
      const m = /^&(lt|gt|amp|quot|#\d+|#x[0-9a-f]+);/i.exec(html.slice(i, i + 12));
      if (!m) return { ok: false, error: `unsupported entity at byte offset ${i}` };
      const name = m[1]!.toLowerCase();
      visible += name === 'lt' ? '<' : name === 'gt' ? '>' : name === 'amp' ? '&' : name === 'quot' ? '"' : String.fromCodePoint(name.startsWith('#x') ? parseInt(name.slice(2), 16) : Number(name.slice(1)));
      i += m[0].length;
    } else if (ch === '>') {
      return { ok: false, error: `unexpected > at byte offset ${i}` };
    } else {
      visible += ch;
      i++;
    }
  }
  if (stack.length > 0) return { ok: false, error: `unclosed tag ${stack.at(-1)}` };
  return { ok: true, visible };
}

/**
 * Why Telegram would refuse a message's inline keyboard, or undefined: at most 100 buttons, 8 in a
 * row, about 10 kB of JSON in all, and 1 to 64 bytes of callback data on each button.
 */
function keyboardProblem(markup: unknown): string | undefined {
  const rows = (markup as { inline_keyboard?: unknown } | undefined)?.inline_keyboard;
  if (!Array.isArray(rows)) return undefined;
  const buttons = rows.flat() as { callback_data?: string }[];
  if (buttons.length > 100 || rows.some((r) => (r as unknown[]).length > 8) || Buffer.byteLength(JSON.stringify(markup)) > 10_240) return 'Bad Request: reply markup is too long';
  if (buttons.some((b) => b.callback_data !== undefined && (b.callback_data.length === 0 || Buffer.byteLength(b.callback_data) > 64))) return 'Bad Request: BUTTON_DATA_INVALID';
  return undefined;
}

/** The running fake. */
export interface FakeBotApi {
  apiRoot: string;
  messages: FakeMessage[];
  stats: FakeStats;
  blocked: Set<string>;
  /** Group id → the supergroup id it migrated to. */
  migrated: Map<string, string>;
  /** Every call made to the fake, in order: its method and parameters. */
  calls: { method: string; params: Record<string, unknown> }[];
  /** "chatId:userId" → that member's status for getChatMember (default "member"). */
  members: Map<string, string>;
  /** "chatId:userId" → more fields of that member for getChatMember (an admin's rights: { can_post_messages: false }). */
  memberRights: Map<string, Record<string, unknown>>;
  /** Chats getChat knows, by id or @username (others: 400 chat not found). */
  chats: Map<string, { id: number; type: string; title?: string; username?: string }>;
  /** Callback query ids Telegram no longer accepts an answer for (answerCallbackQuery: 400). */
  expiredQueries: Set<string>;
  /** Method → the error every call of it gets (a test's way to make one call fail); with `times`, only that many calls get it. */
  failing: Map<string, { code: number; description: string; times?: number }>;
  /** The webhook last set with setWebhook (its URL and secret token), if any. */
  webhook: { url?: string; secret?: string };
  /**
   * The update types Telegram sends the bot: the last `allowed_updates` named by setWebhook or
   * getUpdates (a call that names none leaves it as it was). Undefined or empty: every type but
   * chat_member, message_reaction and message_reaction_count, Telegram's default. A test sets it
   * to what an earlier use of the token left.
   */
  allowedUpdates: string[] | undefined;
  /** Queues an update for getUpdates (long polling). */
  pushUpdate(update: { update_id: number }): void;
  /** Posts an update to a webhook as Telegram does, with the secret-token header. */
  postWebhook(url: string, secret: string, update: unknown): Promise<number>;
  close(): Promise<void>;
}

class Window {
  private readonly times: number[] = [];
  constructor(readonly limit: number, readonly perMs: number) {}
  /** Ms until a new message is allowed (0 = now). */
  waitMs(now: number): number {
    while (this.times.length > 0 && this.times[0]! <= now - this.perMs) this.times.shift();
    return this.times.length < this.limit ? 0 : this.times[0]! + this.perMs - now;
  }
  add(now: number): void {
    this.times.push(now);
  }
}

/** The limits the fake enforces (Telegram's by default; tests may shorten the per-chat interval). */
export interface FakeLimits {
  perSecond: number;
  chatIntervalMs: number;
  groupPerWindow: number;
  groupWindowMs: number;
}

/** Starts the fake on a free port of 127.0.0.1. */
export async function startFakeBotApi(options: { token?: string; limits?: Partial<FakeLimits>; keepText?: boolean } = {}): Promise<FakeBotApi> {
  const token = options.token ?? '123456:TEST-TOKEN';
  const limits: FakeLimits = { perSecond: 30, chatIntervalMs: 1000, groupPerWindow: 20, groupWindowMs: 60_000, ...options.limits };
  const messages: FakeMessage[] = [];
  const stats: FakeStats = { accepted: 0, tooManyRequests: 0, forbidden: 0, badRequest: 0, earlyRetries: 0, conflicts: 0 };
  const retryAt = new Map<string, number>();
  const webhook: FakeBotApi['webhook'] = {};
  const blocked = new Set<string>();
  const migrated = new Map<string, string>();
  const calls: FakeBotApi['calls'] = [];
  const members = new Map<string, string>();
  const memberRights = new Map<string, Record<string, unknown>>();
  const chats: FakeBotApi['chats'] = new Map();
  const expiredQueries = new Set<string>();
  const failing: FakeBotApi['failing'] = new Map();
  let allowedUpdates: string[] | undefined;
  const global = new Window(limits.perSecond, 1000);
  const perChat = new Map<string, Window>();
  const perGroup = new Map<string, Window>();
  let nextId = 1;
  const updates: { update_id: number }[] = [];
  let waiting: (() => void)[] = [];
  // The long poll waiting now, and how to end it with a 409.
  let polling: (() => void) | undefined;

  // Whether Telegram would send an update of this type under the remembered list.
  const isAllowed = (update: { update_id: number }): boolean => {
    const type = Object.keys(update).find((k) => k !== 'update_id') ?? '';
    const list = allowedUpdates;
    return list && list.length > 0 ? list.includes(type) : !['chat_member', 'message_reaction', 'message_reaction_count'].includes(type);
  };

  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      const reply = (status: number, payload: unknown): void => void res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(payload));
      const fail = (code: number, description: string, parameters?: object): void => reply(code, { ok: false, error_code: code, description, ...(parameters ? { parameters } : {}) });
      const m = /^\/bot([^/]+)\/(\w+)$/.exec(req.url ?? '');
      if (!m || m[1] !== token) return fail(404, 'Not Found');
      const params = (body ? JSON.parse(body) : {}) as { chat_id?: string | number; text?: string; parse_mode?: string; message_thread_id?: number };
      // (Not the long polls; and without their texts when the texts are not kept, as in the benchmark.)
      if (m[2] !== 'getUpdates') calls.push({ method: m[2]!, params: options.keepText === false ? { ...params, text: '' } : (params as Record<string, unknown>) });
      // Telegram remembers the list of update types a call names, for both ways of taking updates.
      const allowed = (params as { allowed_updates?: unknown }).allowed_updates;
      if ((m[2] === 'setWebhook' || m[2] === 'getUpdates') && Array.isArray(allowed)) allowedUpdates = allowed.map(String);
      const failure = failing.get(m[2]!);
      if (failure) {
        if (failure.times !== undefined && --failure.times <= 0) failing.delete(m[2]!);
        return fail(failure.code, failure.description);
      }
      if (m[2] === 'getChatMember') {
        const user = Number((params as { user_id?: number }).user_id);
        return reply(200, { ok: true, result: { status: members.get(`${params.chat_id}:${user}`) ?? 'member', user: { id: user, is_bot: false, first_name: 'عضو' }, ...memberRights.get(`${params.chat_id}:${user}`) } });
      }
      if (m[2] === 'getChat') {
        const chat = chats.get(String(params.chat_id));
        return chat ? reply(200, { ok: true, result: chat }) : fail(400, 'Bad Request: chat not found');
      }
      if (m[2] === 'answerCallbackQuery' && expiredQueries.has(String((params as { callback_query_id?: string }).callback_query_id))) {
        return fail(400, 'Bad Request: query is too old and response timeout expired or query ID is invalid');
      }
      // A button's answer holds at most 200 characters.
      if (m[2] === 'answerCallbackQuery' && String((params as { text?: string }).text ?? '').length > 200) return fail(400, 'Bad Request: MESSAGE_TOO_LONG');
      if (m[2] === 'getMe') return reply(200, { ok: true, result: { id: 123456, is_bot: true, first_name: 'موجز', username: 'briefing_test_bot', can_join_groups: true, can_read_all_group_messages: false, supports_inline_queries: false } });
      if (m[2] === 'getUpdates') {
        const offset = Number((params as { offset?: number }).offset ?? 0);
        // Telegram keeps one long poll per bot: a new getUpdates ends the one still waiting with 409.
        polling?.();
        polling = undefined;
        // Updates below the offset are confirmed: Telegram forgets them; and those of a type the bot did not ask for never reach it.
        const forget = (): void => {
          for (let i = updates.length - 1; i >= 0; i--) if (updates[i]!.update_id < offset || !isAllowed(updates[i]!)) updates.splice(i, 1);
        };
        forget();
        const answer = (): void => {
          forget();
          reply(200, { ok: true, result: updates.filter((u) => u.update_id >= offset) });
        };
        if (updates.some((u) => u.update_id >= offset)) return answer();
        // Long polling: hold the request up to a second (or until an update comes).
        let done = false;
        const finish = (): void => {
          if (done) return;
          done = true;
          clearTimeout(timer);
          if (polling === terminate) polling = undefined;
          answer();
        };
        const terminate = (): void => {
          if (done) return;
          done = true;
          clearTimeout(timer);
          stats.conflicts++;
          fail(409, 'Conflict: terminated by other getUpdates request; make sure that only one bot instance is running');
        };
        const timer = setTimeout(finish, Math.min(1, Number((params as { timeout?: number }).timeout ?? 0)) * 1000);
        polling = terminate;
        waiting.push(finish);
        return;
      }
      const refused = ['sendMessage', 'editMessageText', 'editMessageReplyMarkup'].includes(m[2]!) ? keyboardProblem((params as { reply_markup?: unknown }).reply_markup) : undefined;
      if (refused) {
        stats.badRequest++;
        return fail(400, refused);
      }
      if (m[2] === 'setWebhook') {
        const p = params as { url?: string; secret_token?: string };
        webhook.url = p.url;
        webhook.secret = p.secret_token;
      }
      if (m[2] !== 'sendMessage') return reply(200, { ok: true, result: true });
      const chatId = String(params.chat_id);
      const now = Date.now();
      if (migrated.has(chatId)) return fail(400, 'Bad Request: group chat was upgraded to a supergroup chat', { migrate_to_chat_id: Number(migrated.get(chatId)) });
      if (blocked.has(chatId)) {
        stats.forbidden++;
        return fail(403, 'Forbidden: bot was blocked by the user');
      }
      const text = params.text ?? '';
      let visible = text;
      if (params.parse_mode === 'HTML') {
        const parsed = parseTelegramHtml(text);
        if (!parsed.ok) {
          stats.badRequest++;
          return fail(400, `Bad Request: can't parse entities: ${parsed.error}`);
        }
        visible = parsed.visible;
      }
      if (visible.length === 0) return fail(400, 'Bad Request: message text is empty');
      if (visible.length > 4096) {
        stats.badRequest++;
        return fail(400, 'Bad Request: message is too long');
      }
      const chat = perChat.get(chatId) ?? new Window(1, limits.chatIntervalMs);
      perChat.set(chatId, chat);
      const group = chatId.startsWith('-') ? (perGroup.get(chatId) ?? new Window(limits.groupPerWindow, limits.groupWindowMs)) : undefined;
      if (group) perGroup.set(chatId, group);
      if ((retryAt.get(chatId) ?? 0) > now) stats.earlyRetries++;
      const wait = Math.max(global.waitMs(now), chat.waitMs(now), group?.waitMs(now) ?? 0);
      if (wait > 0) {
        stats.tooManyRequests++;
        const seconds = Math.max(1, Math.ceil(wait / 1000));
        retryAt.set(chatId, now + seconds * 1000);
        return fail(429, `Too Many Requests: retry after ${seconds}`, { retry_after: seconds });
      }
      global.add(now);
      chat.add(now);
      group?.add(now);
      const messageId = nextId++;
      messages.push({ chatId, text: options.keepText === false ? '' : text, ...(params.message_thread_id ? { threadId: params.message_thread_id } : {}), at: now, messageId });
      stats.accepted++;
      return reply(200, { ok: true, result: { message_id: messageId, date: Math.floor(now / 1000), chat: { id: Number(chatId), type: chatId.startsWith('-') ? 'supergroup' : 'private' }, text: visible } });
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const port = (server.address() as { port: number }).port;
  return {
    apiRoot: `http://127.0.0.1:${port}`,
    messages,
    stats,
    blocked,
    migrated,
    calls,
    members,
    memberRights,
    chats,
    expiredQueries,
    failing,
    webhook,
    get allowedUpdates() {
      return allowedUpdates;
    },
    set allowedUpdates(list) {
      allowedUpdates = list;
    },
    pushUpdate(update) {
      updates.push(update);
      const w = waiting;
      waiting = [];
      for (const f of w) f();
    },
    async postWebhook(url, secret, update) {
      const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': secret }, body: JSON.stringify(update) });
      await res.body?.cancel();
      return res.status;
    },
    close: () =>
      new Promise((r) => {
        for (const f of waiting) f();
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
