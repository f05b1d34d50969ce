/**
 * What a person sees of /briefing in Slack, end to end through the signed HTTP endpoint and the
 * fake Web API: answers within Block Kit's limits, help that Slack shows as written, acks within
 * 3 s when Slack itself is slow, and a word back when composing fails.
 */
import { createHmac } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { startsRightToLeft, stripBidiControls } from '../../src/arabic/index.js';
import { startFakeSlackApi, type FakeSlackApi } from '../../src/bench/fakes/fake-slack-api.js';
import { createSlackChannel, SLACK_MAX_BLOCKS } from '../../src/channels/slack/index.js';
import type { Store } from '../../src/core/ports.js';
import type { Briefing, BriefingItem } from '../../src/core/types.js';
import { createOpsServer, type OpsServer } from '../../src/server/index.js';
import type { BriefingService } from '../../src/service/index.js';
import { createSqliteStore } from '../../src/store/index.js';
import { morning as morningDefinition, samplesService } from '../support/fixtures.js';
import { recordingLog } from '../support/recording-log.js';

const SECRET = 'slack-signing-secret-for-tests';
// The service's clock: the edition's day (signatures are stamped with the real time).
const nowMs = Date.parse('2026-11-29T05:00:00Z');

const item = (i: number): BriefingItem => ({
  topic: 'اقتصاد',
  sources: [{ name: 'الجزيرة نت', url: `https://www.aljazeera.net/news/${i}` }],
  digest: { headline: `الخبر ${i}: ارتفاع أسعار الذهب في الأسواق الخليجية`, bullets: [{ text: 'ارتفعت أسعار الذهب في السوق المحلية اليوم بعد تراجع الدولار.', section: 0, sourceSentence: '' }], keyFigures: [], source: { name: 'الجزيرة نت' }, articleId: String(i), topics: [], importance: 1, warnings: [] },
});

interface Harness {
  fake: FakeSlackApi;
  store: Store;
  log: ReturnType<typeof recordingLog>;
  /** A command's answer: `body.text` as a reader sees it (bidi controls left out), `rawText` as sent. */
  command(text: string, opts?: { channel?: string; channelName?: string; user?: string }): Promise<{ status: number; ms: number; rawText?: string; body: { text?: string; blocks?: { type: string; text?: { text: string }; elements?: unknown[] }[] } }>;
  /** Presses «انشر في القناة» under an answer in `channel`. */
  press(channel: string): Promise<number>;
  /** The address of /slack/events. */
  url: string;
  close(): Promise<void>;
}

async function start(options: { changesBy?: 'admins'; service?: (s: BriefingService) => BriefingService; editionUrl?: (b: Briefing) => string; lease?: boolean; sharing?: Harness } = {}): Promise<Harness> {
  // Another instance beside `sharing`: its fake Slack and its store (closed with it, not here).
  const fake = options.sharing?.fake ?? (await startFakeSlackApi());
  const store = options.sharing?.store ?? createSqliteStore({ path: ':memory:' });
  const log = recordingLog();
  const server = createOpsServer({ store });
  const base = samplesService(store, () => new Date(nowMs));
  const service = options.service ? options.service(base) : base;
  const channel = createSlackChannel({ botToken: 'xoxb-test', signingSecret: SECRET, service, briefing: morningDefinition(), log, apiUrl: fake.apiUrl, route: (m, p, h) => server.route(m, p, h), ...(options.changesBy ? { changesBy: options.changesBy } : {}), ...(options.lease ? { postLease: { hold: (name: string, owner: string, ttlMs: number) => store.holdLease(name, owner, ttlMs, Date.now()), release: (name: string, owner: string) => store.releaseLease(name, owner) } } : {}), ...(options.editionUrl ? { editionUrl: options.editionUrl } : {}) });
  await channel.start();
  const url = `http://127.0.0.1:${await server.listen(0, '127.0.0.1')}/slack/events`;
  const post = (body: string): Promise<Response> => {
    const ts = String(Math.floor(Date.now() / 1000));
    const sig = `v0=${createHmac('sha256', SECRET).update(`v0:${ts}:${body}`).digest('hex')}`;
    return fetch(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-slack-request-timestamp': ts, 'x-slack-signature': sig }, body });
  };
  return {
    fake,
    store,
    log,
    url,
    async command(text, opts = {}) {
      const body = new URLSearchParams({ command: '/briefing', text, channel_id: opts.channel ?? 'C1', channel_name: opts.channelName ?? 'general', user_id: opts.user ?? 'U1', team_id: 'T1', response_url: fake.responseUrl('r'), trigger_id: 't', token: 'legacy' }).toString();
      const t0 = Date.now();
      const res = await post(body);
      const raw = await res.text();
      const answer = raw ? JSON.parse(raw) : {};
      const rawText = answer.text as string | undefined;
      if (rawText !== undefined) answer.text = stripBidiControls(rawText);
      return { status: res.status, ms: Date.now() - t0, ...(rawText !== undefined ? { rawText } : {}), body: answer };
    },
    async press(channel) {
      const payload = JSON.stringify({
        type: 'block_actions', user: { id: 'U1' }, team: { id: 'T1' }, channel: { id: channel }, trigger_id: 't', response_url: fake.responseUrl('button'), token: 'legacy',
        actions: [{ type: 'button', action_id: 'post_briefing', block_id: 'b1', value: 'morning', action_ts: '1' }],
      });
      return (await post(new URLSearchParams({ payload }).toString())).status;
    },
    async close() {
      await channel.stop();
      await server.close();
      if (options.sharing) return;
      await fake.close();
      await store.close();
    },
  };
}

/** Text Slack would read as markup: a "<" or ">" not part of an escape, or a bare "&". */
const rawMarkup = (text: string): string[] => text.replace(/&(amp|lt|gt);/g, '').match(/[<>&]/g) ?? [];

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

describe('Slack /briefing answers', () => {
  it('shows help and the list of briefings with < > escaped, so Slack prints the placeholders instead of reading them as links', async () => {
    h = await start();
    for (const sub of ['help', 'briefings']) {
      const { body } = await h.command(sub);
      expect(body.text).toMatch(/\/briefing subscribe/);
      expect(rawMarkup(body.text!), `${sub}: ${body.text}`).toEqual([]);
    }
    expect((await h.command('help')).body.text).toContain('/briefing &lt;موضوع أو كلمة&gt;');
  });

  it('answers in lines that read right to left: each /briefing command and Latin name isolated, a line that opens with one marked, the escapes intact', async () => {
    h = await start();
    h.fake.memberOf.add('C1');
    const answers = [await h.command('help'), await h.command('subscribe ٧:٣٠ م africa/cairo'), await h.command('settings'), await h.command('filter'), await h.command('mute S&P <Global>'), await h.command('briefings')];
    for (const a of answers) {
      for (const line of a.rawText!.split('\n')) {
        expect(startsRightToLeft(line), line).toBe(true);
        // «/briefing» outside an isolate shows as «briefing/» in a right-to-left line.
        expect(line, line).not.toMatch(/(^|[^\u2068])\/briefing/);
        expect(line.replace(/&(amp|lt|gt);/g, ''), line).not.toMatch(/[<>&]/);
      }
    }
    expect(answers[0]!.body.text).toContain('/briefing &lt;موضوع أو كلمة&gt;');
    expect(answers[4]!.body.text).toContain('S&amp;P &lt;Global&gt;');
  });

  it('subscribes at «٧:٣٠ م» as 19:30, and keeps a zone typed in lower case as the zone it names', async () => {
    h = await start();
    h.fake.memberOf.add('C1');
    expect((await h.command('subscribe ٧:٣٠ م africa/cairo')).body.text).toContain('19:30 بتوقيت القاهرة');
    expect((await h.store.listSubscriptions())[0]).toMatchObject({ destination: 'C1', deliveryTime: '19:30', timeZone: 'Africa/Cairo' });
  });

  it('/briefing time sets the delivery time, as Telegram\'s /time does (subscribing a channel that has none), rather than looking for news about «time»', async () => {
    h = await start();
    h.fake.memberOf.add('C1');
    const first = (await h.command('time ٧:٣٠ صباحاً')).body.text!;
    expect(first).toContain('07:30 بتوقيت الرياض');
    expect(first).not.toContain('لا توجد أخبار');
    expect(await h.store.listSubscriptions()).toMatchObject([{ destination: 'C1', deliveryTime: '07:30', timeZone: 'Asia/Riyadh' }]);
    expect((await h.command('TIME 6:15 pm القاهرة')).body.text).toContain('18:15 بتوقيت القاهرة');
    expect(await h.store.listSubscriptions()).toMatchObject([{ destination: 'C1', deliveryTime: '18:15', timeZone: 'Africa/Cairo' }]);
    // Without a time: how to write one, and nothing changes.
    const usage = (await h.command('time')).body.text!;
    expect(usage).toContain('/briefing time 07:30');
    expect(await h.store.listSubscriptions()).toMatchObject([{ deliveryTime: '18:15', timeZone: 'Africa/Cairo' }]);
    // A channel the bot is not in is told to invite it, as subscribe says.
    expect((await h.command('time 07:00', { channel: 'C2' })).body.text).toContain('/invite');
    // In the help.
    expect((await h.command('help')).body.text).toContain('/briefing time');
  });

  it('/briefing time changes a channel\'s time only for workspace admins under SLACK_CHANGES_BY=admins', async () => {
    h = await start({ changesBy: 'admins' });
    h.fake.memberOf.add('C1');
    expect((await h.command('time 07:00')).body.text).toContain('مشرفو مساحة العمل');
    expect(await h.store.listSubscriptions()).toEqual([]);
  });

  it('subscribes at «الساعة ٨:١٥ م بتوقيت القاهرة», in the words its own answer uses, and names a briefing before them', async () => {
    h = await start();
    h.fake.memberOf.add('C1');
    expect((await h.command('subscribe الساعة ٨:١٥ م بتوقيت القاهرة')).body.text).toContain('الساعة 20:15 بتوقيت القاهرة');
    expect((await h.command('subscribe morning الساعة ٠٧:٠٠ بتوقيت الرياض')).body.text).toContain('الساعة 07:00 بتوقيت الرياض');
    expect((await h.store.listSubscriptions())).toMatchObject([{ destination: 'C1', briefingId: 'morning', deliveryTime: '07:00', timeZone: 'Asia/Riyadh' }]);
  });

  it('names the zone by its Arabic place, not its id, in every answer, and reads its answer typed back as the same zone', async () => {
    h = await start();
    h.fake.memberOf.add('C1');
    const answer = (await h.command('subscribe 20:15 Africa/Casablanca')).body.text!;
    expect(answer).toContain('الساعة 20:15 بتوقيت الرباط');
    expect(answer).not.toContain('Africa/Casablanca');
    expect((await h.command('settings')).body.text).toContain('المنطقة: الرباط');
    expect((await h.command('briefings')).body.text).toContain('20:15 بتوقيت الرباط');
    await h.command('subscribe 06:00 Asia/Dubai');
    // The answer's own words, typed back: the same time and zone again.
    const typedBack = /الساعة \S+ بتوقيت [^.]+/.exec(answer)![0];
    expect((await h.command(`subscribe ${typedBack}`)).body.text).toBe(answer);
    expect((await h.store.listSubscriptions())).toMatchObject([{ destination: 'C1', deliveryTime: '20:15', timeZone: 'Africa/Casablanca' }]);
    // A zone with no Arabic place keeps its id, isolated, and reads back as shown.
    const kolkata = (await h.command('subscribe 09:00 Asia/Kolkata')).rawText!;
    expect(kolkata).toContain('بتوقيت \u2068Asia/Kolkata\u2069');
    await h.command('subscribe 06:00 Africa/Cairo');
    await h.command(`subscribe ${/الساعة \S+ بتوقيت [^.]+/.exec(kolkata)![0]}`);
    expect((await h.store.listSubscriptions())).toMatchObject([{ destination: 'C1', deliveryTime: '09:00', timeZone: 'Asia/Kolkata' }]);
  });

  it('says how to resume a channel paused because the bot left it, and /invite then subscribe resumes it', async () => {
    h = await start();
    h.fake.memberOf.add('C1');
    await h.command('subscribe');
    const [sub] = await h.store.listSubscriptions();
    await h.store.setSubscriptionStatus(sub!.id, 'paused', 'not_in_channel', nowMs);
    const settings = (await h.command('settings')).body.text!;
    expect(settings).toContain('موقوف (أُخرج التطبيق من القناة)');
    expect(settings).not.toContain('not_in_channel');
    expect(settings).toContain('/invite');
    expect(settings).toContain('/briefing subscribe');
    // An archived channel is said so, in Arabic, and not told to invite the bot (Slack allows no invite there).
    await h.store.setSubscriptionStatus(sub!.id, 'paused', 'is_archived', nowMs);
    const archived = (await h.command('settings')).body.text!;
    expect(archived).toContain('موقوف (القناة مؤرشفة). أعد القناة من الأرشيف ثم اكتب /briefing subscribe');
    expect(archived).not.toContain('/invite');
    await h.command('subscribe');
    expect((await h.store.listSubscriptions())[0]).toMatchObject({ status: 'active' });
  });

  it('says in Arabic why a channel Slack will not let the app post in is paused (restricted_action, team_access_not_granted), and not to /invite a bot that is there', async () => {
    h = await start();
    h.fake.memberOf.add('C1');
    await h.command('subscribe');
    const [sub] = await h.store.listSubscriptions();
    await h.store.setSubscriptionStatus(sub!.id, 'paused', 'restricted_action', nowMs);
    const restricted = (await h.command('settings')).body.text!;
    expect(restricted).toContain('موقوف (تمنع إعدادات مساحة العمل التطبيق من النشر في هذه القناة)');
    expect(restricted).not.toContain('restricted_action');
    expect(restricted).not.toContain('/invite');
    await h.store.setSubscriptionStatus(sub!.id, 'paused', 'team_access_not_granted', nowMs);
    const team = (await h.command('settings')).body.text!;
    expect(team).toContain('موقوف (لم يُمنح التطبيق الوصول إلى مساحة العمل التي فيها القناة)');
    expect(team).not.toContain('team_access_not_granted');
    expect(team).not.toContain('/invite');
  });

  it('points a mistyped sub-command («subscibe») to the help as well as to the whole briefing', async () => {
    h = await start();
    await h.store.saveEdition({ briefingId: 'morning', date: '2026-11-29', slot: '07:00', briefing: { briefingId: 'morning', title: 'موجز الصباح', date: '2026-11-29', slot: '07:00', warnings: [], groups: [{ topic: 'اقتصاد', items: [item(1)] }] } }, nowMs);
    const { body } = await h.command('subscibe 07:30');
    expect(body.text).toContain('لا توجد أخبار عن «subscibe 07:30»');
    expect(body.text).toContain('/briefing help');
  });

  it('reads a command pasted with direction marks (RLM, LRM, isolates) around its words and digits as typed without them', async () => {
    h = await start();
    h.fake.memberOf.add('C1');
    expect((await h.command('\u200fsubscribe\u200f \u2067٠٧:٣٠\u2069\u200f')).body.text).toContain('07:30');
    expect((await h.store.listSubscriptions())[0]).toMatchObject({ destination: 'C1', deliveryTime: '07:30' });
    expect((await h.command('\u200eSETTINGS')).body.text).toContain('الوقت: 07:30');
  });

  it('offers the post button in a channel and in the person\'s DM with the app, not in a DM with someone else, where the app cannot post', async () => {
    h = await start();
    await h.store.saveEdition({ briefingId: 'morning', date: '2026-11-29', slot: '07:00', briefing: { briefingId: 'morning', title: 'موجز الصباح', date: '2026-11-29', slot: '07:00', warnings: [], groups: [{ topic: 'اقتصاد', items: [item(1)] }] } }, nowMs);
    const buttons = async (channel: string, channelName: string): Promise<boolean> => JSON.stringify((await h!.command('', { channel, channelName })).body).includes('post_briefing');
    expect(await buttons('C1', 'general')).toBe(true);
    // The fake opens «D» + the user id as the person's DM with the app.
    expect(await buttons('DU1', 'directmessage')).toBe(true);
    expect(await buttons('D0FRIEND', 'directmessage')).toBe(false);
    expect(JSON.stringify((await h.command('', { channel: 'D0FRIEND', channelName: 'directmessage' })).body)).toContain('موجز الصباح');
  });

  it('answers a large edition within 50 blocks, the post button included', async () => {
    h = await start();
    // Ten topics of six stories: more than one Slack message holds.
    const briefing: Briefing = { briefingId: 'morning', title: 'موجز الصباح', date: '2026-11-29', slot: '07:00', warnings: [], groups: Array.from({ length: 10 }, (_, g) => ({ topic: `الموضوع ${g + 1}`, items: Array.from({ length: 6 }, (_, i) => item(g * 6 + i)) })) };
    await h.store.saveEdition({ briefingId: 'morning', date: '2026-11-29', slot: '07:00', briefing }, nowMs);
    const { status, body } = await h.command('');
    expect(status).toBe(200);
    expect(body.blocks!.length).toBeLessThanOrEqual(SLACK_MAX_BLOCKS);
    expect(body.blocks!.at(-1)!.type).toBe('actions');
    expect(JSON.stringify(body.blocks!.at(-1))).toContain('post_briefing');
    expect(body.blocks!.at(-2)!.type).toBe('context');
    // The answer never ends on a topic's heading with none of its stories under it.
    expect(body.blocks!.at(-3)!.text!.text).toContain('الخبر');
    // …and says how many of the 60 stories it leaves out.
    const shown = body.blocks!.filter((b) => b.type === 'section' && !b.text!.text.startsWith('■')).length;
    expect(shown).toBeLessThan(60);
    expect(JSON.stringify(body.blocks!.at(-2))).toContain(`و${60 - shown} خبراً آخر في الموجز كاملاً`);
  });
});

describe('Slack requests that fail verification', () => {
  it('are logged for the operator (a wrong SLACK_SIGNING_SECRET, a clock off), once a minute however many arrive, never with the signature', async () => {
    h = await start();
    const body = new URLSearchParams({ command: '/briefing', text: 'اشتراك', channel_id: 'C1', user_id: 'U1', team_id: 'T1', response_url: h.fake.responseUrl('r') }).toString();
    const now = Math.floor(Date.now() / 1000);
    const send = (secret: string, ts: number): Promise<Response> =>
      fetch(h!.url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-slack-request-timestamp': String(ts), 'x-slack-signature': `v0=${createHmac('sha256', secret).update(`v0:${ts}:${body}`).digest('hex')}` }, body });
    for (let i = 0; i < 20; i++) expect((await send('another-apps-signing-secret', now)).status).toBe(401);
    const signature = h.log.lines.filter((l) => l.level === 'warn' && /SLACK_SIGNING_SECRET/.test(l.msg));
    expect(signature).toHaveLength(1);
    expect(JSON.stringify(signature[0])).toContain('signature mismatch');
    // A request stamped 10 minutes ago (this machine's clock, or a replay) is a reason of its own, said once too.
    for (let i = 0; i < 3; i++) expect((await send(SECRET, now - 600)).status).toBe(401);
    const stale = h.log.lines.filter((l) => l.level === 'warn' && /stale/.test(JSON.stringify(l)));
    expect(stale).toHaveLength(1);
    expect(stale[0]!.msg).toContain('clock');
    // One stamped 10 minutes ahead (this machine's clock behind) is refused before bolt sees it: said too.
    for (let i = 0; i < 3; i++) expect((await send(SECRET, now + 600)).status).toBe(401);
    const ahead = h.log.lines.filter((l) => l.level === 'warn' && /ahead/.test(l.msg));
    expect(ahead).toHaveLength(1);
    expect(ahead[0]!.msg).toContain('clock');
    expect(h.log.text()).not.toContain('v0=');
  });
});

describe('Slack /briefing when Slack or the composer is slow or failing', () => {
  it('acks within 3 s while Slack takes 5 s to open the DM, to say whether the user is an admin, or to describe the channel', async () => {
    h = await start({ changesBy: 'admins' });
    h.fake.delays.set('conversations.open', 5000);
    h.fake.delays.set('users.info', 5000);
    h.fake.delays.set('conversations.info', 5000);
    const cases = [
      await h.command('settings', { channel: 'D0AB12', channelName: 'directmessage' }),
      await h.command('filter +النفط', { channel: 'C1' }),
    ];
    h.fake.delays.delete('users.info');
    h.fake.admins.add('U2');
    cases.push(await h.command('subscribe ٠٧:٣٠', { channel: 'C2', user: 'U2' }));
    for (const c of cases) {
      expect(c.status).toBe(200);
      expect(c.ms).toBeLessThan(3000);
      expect(c.body.text).toContain('أعد المحاولة');
    }
    // Nothing was changed by the commands Slack was too slow for.
    expect(await h.store.listSubscriptions()).toEqual([]);
  });

  it('says what Slack refused when it will not describe the channel, open the DM or say who is an admin, instead of asking to /invite the bot or grant a scope it has', async () => {
    h = await start({ changesBy: 'admins' });
    h.fake.memberOf.add('C1');
    h.fake.admins.add('U1');
    // The bot token revoked (or the app removed): inviting the bot again changes nothing.
    h.fake.methodErrors.set('conversations.info', 'token_revoked');
    const revoked = (await h.command('subscribe ٠٧:٣٠')).body.text!;
    expect(revoked).not.toContain('/invite');
    expect(revoked).toContain('رمز التطبيق');
    expect(revoked).toContain('لم يتغير شيء');
    // A private channel with an app that lacks groups:read: the scope is named.
    h.fake.methodErrors.set('conversations.info', 'missing_scope');
    const scope = (await h.command('subscribe ٠٧:٣٠')).body.text!;
    expect(scope).not.toContain('/invite');
    expect(scope).toContain('groups:read');
    // Slack failing for a moment: try again.
    h.fake.methodErrors.set('conversations.info', 'internal_error');
    const failing = (await h.command('subscribe ٠٧:٣٠')).body.text!;
    expect(failing).not.toContain('/invite');
    expect(failing).toContain('أعد المحاولة');
    // The DM: a refused token is not a missing im:write.
    h.fake.methodErrors.set('conversations.open', 'token_revoked');
    const dm = (await h.command('subscribe', { channel: 'D0AB12', channelName: 'directmessage', user: 'U3' })).body.text!;
    expect(dm).not.toContain('im:write');
    expect(dm).toContain('رمز التطبيق');
    // The admin check: a refused token is not a missing users:read.
    h.fake.methodErrors.set('users.info', 'account_inactive');
    const admin = (await h.command('filter +النفط', { user: 'U4' })).body.text!;
    expect(admin).not.toContain('users:read');
    expect(admin).toContain('رمز التطبيق');
    expect(await h.store.listSubscriptions()).toEqual([]);
    // Each is logged with Slack's code; a refused token names SLACK_BOT_TOKEN, never its value.
    const warns = h.log.lines.filter((l) => l.level === 'warn').map((l) => `${l.msg} ${JSON.stringify(l.obj)}`);
    for (const code of ['token_revoked', 'missing_scope', 'internal_error', 'account_inactive']) expect(warns.some((w) => w.includes(code)), code).toBe(true);
    expect(warns.filter((w) => w.includes('SLACK_BOT_TOKEN'))).toHaveLength(3);
    expect(h.log.text()).not.toContain('xoxb-test');
  });

  it('tells the person when the edition it said was being prepared could not be composed, and logs why', async () => {
    h = await start({ service: (s) => ({ ...s, briefNow: async () => Promise.reject(new Error('database is locked')) }) });
    const ack = await h.command('');
    expect(ack.body.text).toContain('جاري تحضير موجز اليوم');
    for (let i = 0; i < 100 && h.fake.responses.length === 0; i++) await new Promise((r) => setTimeout(r, 20));
    expect(JSON.stringify(h.fake.responses[0]?.body)).toContain('تعذر تحضير موجز اليوم');
    expect(h.log.lines.some((l) => l.level === 'error' && JSON.stringify(l.obj).includes('database is locked'))).toBe(true);
  });
});

describe('Slack «انشر في القناة»', () => {
  const editionUrl = (b: Briefing): string => `https://briefing.example.com/b/${b.briefingId}/${b.date}/0700`;
  const todays = async (store: Store): Promise<void> =>
    void (await store.saveEdition({ briefingId: 'morning', date: '2026-11-29', slot: '07:00', briefing: { briefingId: 'morning', title: 'موجز الصباح', date: '2026-11-29', slot: '07:00', warnings: [], groups: [{ topic: 'اقتصاد', items: [item(1), item(2)] }] } }, nowMs));

  it('posts the briefing ending with «الموجز كاملا», as a scheduled delivery does', async () => {
    h = await start({ editionUrl });
    await todays(h.store);
    expect(await h.press('C1')).toBe(200);
    await expect.poll(() => h!.fake.calls.filter((c) => c.method === 'chat.postMessage').length).toBe(1);
    expect(JSON.stringify(h.fake.calls.find((c) => c.method === 'chat.postMessage')!.body)).toContain('<https://briefing.example.com/b/morning/2026-11-29/0700|الموجز كاملا>');
  });

  it('posts once when the button is pressed twice in a row (a double click), and says so to the second press', async () => {
    h = await start();
    await todays(h.store);
    await Promise.all([h.press('C1'), h.press('C1')]);
    await expect.poll(() => h!.fake.responses.length).toBe(1);
    expect(h.fake.calls.filter((c) => c.method === 'chat.postMessage')).toHaveLength(1);
    expect(JSON.stringify(h.fake.responses[0]!.body)).toContain('قبل لحظات');
    // Another channel's button posts there.
    await h.press('C2');
    await expect.poll(() => h!.fake.calls.filter((c) => c.method === 'chat.postMessage').length).toBe(2);
  });

  it('posts once when the two presses of a double click reach two instances sharing a store, and again after a failed post', async () => {
    const fake = await startFakeSlackApi();
    const store = createSqliteStore({ path: ':memory:' });
    await todays(store);
    const instances = await Promise.all(
      [0, 1].map(async () => {
        const server = createOpsServer({ store });
        const channel = createSlackChannel({
          botToken: 'xoxb-test', signingSecret: SECRET, service: samplesService(store, () => new Date(nowMs)), briefing: morningDefinition(), log: recordingLog(), apiUrl: fake.apiUrl, route: (m, p, hd) => server.route(m, p, hd),
          postLease: { hold: (name, owner, ttlMs) => store.holdLease(name, owner, ttlMs, Date.now()), release: (name, owner) => store.releaseLease(name, owner) },
        });
        await channel.start();
        return { server, channel, url: `http://127.0.0.1:${await server.listen(0, '127.0.0.1')}/slack/events` };
      }),
    );
    const press = async (i: number, channelId = 'C1'): Promise<void> => {
      const payload = JSON.stringify({ type: 'block_actions', user: { id: 'U1' }, team: { id: 'T1' }, channel: { id: channelId }, trigger_id: 't', response_url: fake.responseUrl('button'), token: 'legacy', actions: [{ type: 'button', action_id: 'post_briefing', block_id: 'b1', value: 'morning', action_ts: '1' }] });
      const body = new URLSearchParams({ payload }).toString();
      const ts = String(Math.floor(Date.now() / 1000));
      const sig = `v0=${createHmac('sha256', SECRET).update(`v0:${ts}:${body}`).digest('hex')}`;
      await fetch(instances[i]!.url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-slack-request-timestamp': ts, 'x-slack-signature': sig }, body });
    };
    const posts = (): number => fake.calls.filter((c) => c.method === 'chat.postMessage' && JSON.stringify(c.body).includes('C1')).length;
    try {
      // A failed post gives the lease back: the next press, on the other instance, posts.
      fake.errors.set('C1', 'internal_error');
      await press(0);
      await expect.poll(() => fake.responses.length).toBe(1);
      fake.errors.delete('C1');
      await press(1);
      await press(0);
      await expect.poll(() => fake.responses.length).toBe(2);
      await expect.poll(posts).toBe(2);
      await new Promise((r) => setTimeout(r, 200));
      // The failed attempt and one post: the press on instance 0 after instance 1's post was refused.
      expect(posts()).toBe(2);
      expect(JSON.stringify(fake.responses[1]!.body)).toContain('قبل لحظات');
      // A press refused because another instance was posting, whose post then failed: the next
      // press on the refused instance posts (nothing was posted from it).
      fake.errors.set('C2', 'internal_error');
      fake.delays.set('chat.postMessage', 400);
      await press(1, 'C2');
      await press(0, 'C2');
      await expect.poll(() => fake.responses.length).toBe(4);
      expect(JSON.stringify(fake.responses.slice(2).map((r) => r.body))).toContain('قبل لحظات');
      fake.errors.delete('C2');
      fake.delays.delete('chat.postMessage');
      await press(0, 'C2');
      await expect.poll(() => fake.calls.filter((c) => c.method === 'chat.postMessage' && JSON.stringify(c.body).includes('C2')).length).toBe(2);
    } finally {
      for (const i of instances) {
        await i.channel.stop();
        await i.server.close();
      }
      await fake.close();
      await store.close();
    }
  });

  it('after Slack fails half-way through a briefing of several messages, the next press posts the rest, not the first messages again: on the same instance, or on another sharing the store', async () => {
    // Ten topics of six stories: several messages.
    const large: Briefing = { briefingId: 'morning', title: 'موجز الصباح', date: '2026-11-29', slot: '07:00', warnings: [], groups: Array.from({ length: 10 }, (_, g) => ({ topic: `الموضوع ${g + 1}`, items: Array.from({ length: 6 }, (_, i) => item(g * 6 + i)) })) };
    for (const other of [false, true]) {
      h = await start({ lease: true });
      const second = other ? await start({ lease: true, sharing: h }) : h;
      await h.store.saveEdition({ briefingId: 'morning', date: '2026-11-29', slot: '07:00', briefing: large }, nowMs);
      const posts = (channel: string): string[] => h!.fake.calls.filter((c) => c.method === 'chat.postMessage' && c.body.channel === channel).map((c) => String(c.body.text));
      // The whole briefing in another channel: its messages.
      await h.press('C9');
      await expect.poll(() => posts('C9').length).toBeGreaterThanOrEqual(2);
      await new Promise((r) => setTimeout(r, 100));
      const parts = posts('C9');
      // Slack takes the first message, then fails.
      h.fake.failPostsAfter(1);
      await h.press('C1');
      await expect.poll(() => h!.fake.responses.length).toBe(1);
      expect(stripBidiControls(JSON.stringify(h.fake.responses[0]!.body))).toContain('أعد المحاولة');
      expect(posts('C1')).toEqual(parts.slice(0, 2));
      // Slack is back: the press (here, or on the other instance) posts from the message that failed.
      h.fake.failPostsAfter(undefined);
      await second.press('C1');
      await expect.poll(() => posts('C1').length).toBe(parts.length + 1);
      expect(posts('C1')).toEqual([parts[0], ...parts.slice(1)].flatMap((p, i) => (i === 1 ? [p, p] : [p])));
      if (other) await second.close();
      await h.close();
      h = undefined;
    }
  });

  it('says to invite the bot only when the bot is not in the channel; other failures are logged and said as they are', async () => {
    h = await start();
    await todays(h.store);
    h.fake.errors.set('C1', 'not_in_channel');
    await h.press('C1');
    await expect.poll(() => h!.fake.responses.length).toBe(1);
    expect(JSON.stringify(h.fake.responses[0]!.body)).toContain('/invite');
    h.fake.errors.set('C2', 'internal_error');
    await h.press('C2');
    await expect.poll(() => h!.fake.responses.length).toBe(2);
    expect(JSON.stringify(h.fake.responses[1]!.body)).not.toContain('/invite');
    expect(JSON.stringify(h.fake.responses[1]!.body)).toContain('أعد المحاولة');
    expect(h.log.lines.filter((l) => l.level === 'warn' && /post button/.test(l.msg))).toHaveLength(2);
    // The bot token refused: trying again will not help; the person is told so, the log names the setting.
    h.fake.errors.set('C3', 'token_revoked');
    await h.press('C3');
    await expect.poll(() => h!.fake.responses.length).toBe(3);
    expect(stripBidiControls(JSON.stringify(h.fake.responses[2]!.body))).toContain('رمز التطبيق');
    expect(JSON.stringify(h.log.lines.filter((l) => /post button/.test(l.msg)).at(-1))).toContain('SLACK_BOT_TOKEN');
    // A channel where Slack lets only some post (read-only, archived): pressing again will not help either; the reason is said.
    h.fake.errors.set('C4', 'restricted_action_read_only_channel');
    await h.press('C4');
    await expect.poll(() => h!.fake.responses.length).toBe(4);
    const readOnly = stripBidiControls(JSON.stringify(h.fake.responses[3]!.body));
    expect(readOnly).toContain('للقراءة فقط');
    expect(readOnly).not.toContain('أعد المحاولة');
    expect(readOnly).not.toContain('/invite');
    h.fake.errors.set('C5', 'is_archived');
    await h.press('C5');
    await expect.poll(() => h!.fake.responses.length).toBe(5);
    expect(stripBidiControls(JSON.stringify(h.fake.responses[4]!.body))).toContain('مؤرشفة');
  });
});
