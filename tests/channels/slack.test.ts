import { createHmac } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startsRightToLeft, stripBidiControls } from '../../src/arabic/index.js';
import { startFakeSlackApi, type FakeSlackApi } from '../../src/bench/fakes/fake-slack-api.js';
import { classifySlackError, createSlackChannel, createSlackPublisher, renderSlack, SLACK_MAX_BLOCKS, SLACK_MAX_SECTION_CHARS } from '../../src/channels/slack/index.js';
import { SILENT_LOGGER, type Store } from '../../src/core/ports.js';
import type { Briefing, BriefingDefinition, BriefingItem } from '../../src/core/types.js';
import { createDeliveryEngine } from '../../src/delivery/index.js';
import { createOpsServer, type OpsServer } from '../../src/server/index.js';
import { createBriefingService } from '../../src/service/index.js';
import { createFolderSource } from '../../src/sources/index.js';
import { createSqliteStore } from '../../src/store/index.js';
import { ROOT } from '../helpers.js';
import { morning as morningDefinition, samplesService, wholeEdition } from '../support/fixtures.js';
import { join } from 'node:path';

/** An answer as a reader sees it: its JSON without the bidi controls that keep its lines right to left. */
const seen = (answer: unknown): string => stripBidiControls(JSON.stringify(answer));

const SECRET = 'slack-signing-secret-for-tests';
const item = (i: number, bullets = 2): BriefingItem => ({
  topic: 'عام', sources: [{ name: 'S&P <عربي>', url: `https://example.com/${i}?a=1&b=2` }],
  digest: { headline: `الخبر ${i}: ارتفاع <الأسعار> & الذهب`, bullets: Array.from({ length: bullets }, () => ({ text: 'ارتفعت أسعار الذهب في السوق المحلية اليوم بنسبة 3% بعد تراجع الدولار.', section: 0, sourceSentence: '' })), keyFigures: [], source: { name: 'x' }, articleId: String(i), topics: [], importance: 1, warnings: [] },
});
const briefingOf = (items: BriefingItem[], groups = 1): Briefing => ({
  briefingId: 'morning', title: 'موجز الصباح', date: '2026-11-29', warnings: [],
  groups: Array.from({ length: groups }, (_, g) => ({ topic: `موضوع ${g}`, items: items.filter((_, i) => i % groups === g) })),
});

describe('renderSlack', () => {
  it('escapes & < > and keeps every line right to left', () => {
    const [m] = renderSlack(briefingOf([item(1)]));
    const section = m!.blocks.find((b) => b.type === 'section' && b.text.text.includes('الخبر 1')) as { text: { text: string } };
    expect(section.text.text).toContain('ارتفاع &lt;الأسعار&gt; &amp; الذهب');
    expect(section.text.text).toMatch(/<https:\/\/example\.com\/1\?a=1&b=2\|[^>]*S&amp;P[^>]*&lt;عربي&gt;>/);
    for (const b of m!.blocks) {
      if (b.type !== 'section') continue;
      for (const l of b.text.text.split('\n')) expect(startsRightToLeft(l.replace(/[*◂■<>|]/g, ' ')), l).toBe(true);
    }
    expect(m!.text).toContain('موجز الصباح');
  });

  it('splits into several messages within 50 blocks, and loses no item', () => {
    const items = Array.from({ length: 130 }, (_, i) => item(i));
    const msgs = renderSlack(briefingOf(items, 7));
    expect(msgs.length).toBeGreaterThan(2);
    for (const m of msgs) {
      expect(m.blocks.length).toBeLessThanOrEqual(SLACK_MAX_BLOCKS);
      for (const b of m.blocks) if (b.type === 'section') expect(b.text.text.length).toBeLessThanOrEqual(SLACK_MAX_SECTION_CHARS);
    }
    const all = JSON.stringify(msgs.map((m) => m.blocks));
    for (let i = 0; i < 130; i++) expect(all.split(`الخبر ${i}:`).length - 1).toBe(1);
  });

  it('renders the real sample briefing within the limits, every line right to left', async () => {
    const { composeBriefing, composeDigest } = await import('../../src/composer/index.js');
    const { articles } = await createFolderSource({ path: join(ROOT, 'briefings/samples'), name: 'عينات' }).fetchArticles();
    const b = composeBriefing(articles.map((a) => composeDigest(a)), { briefingId: 'morning', title: 'موجز الصباح', date: '2026-11-29', topics: [] });
    const msgs = renderSlack(b);
    expect(msgs).toHaveLength(1);
    const blocks = msgs[0]!.blocks;
    expect(blocks.length).toBeLessThanOrEqual(50);
    expect(blocks.filter((x) => x.type === 'section').length).toBeGreaterThanOrEqual(articles.length);
    for (const x of blocks) {
      if (x.type !== 'section') continue;
      expect(x.text.text.length).toBeLessThanOrEqual(3000);
      for (const l of x.text.text.split('\n')) expect(startsRightToLeft(l.replace(/<[^|>]*\|/g, '')), l).toBe(true);
    }
    expect(msgs[0]!.text.length).toBeGreaterThan(20);
  });

  it('keeps a huge item within 3000 characters by dropping bullets', () => {
    const [m] = renderSlack(briefingOf([item(1, 80)]));
    for (const b of m!.blocks) if (b.type === 'section') expect(b.text.text.length).toBeLessThanOrEqual(3000);
  });
});

describe('Slack publisher and app against a fake Web API', () => {
  let fake: FakeSlackApi;
  let store: Store;
  let server: OpsServer;
  let base: string;
  let nowMs: number;
  const morning = morningDefinition();

  beforeEach(async () => {
    fake = await startFakeSlackApi();
    store = createSqliteStore({ path: ':memory:' });
    nowMs = Date.now();
    const service = samplesService(store, () => new Date(nowMs));
    server = createOpsServer({ store });
    const channel = createSlackChannel({ botToken: 'xoxb-test', signingSecret: SECRET, service, briefing: morning, log: SILENT_LOGGER, apiUrl: fake.apiUrl, now: () => nowMs, route: (m, p, h) => server.route(m, p, h) });
    await channel.start();
    base = `http://127.0.0.1:${await server.listen(0, '127.0.0.1')}`;
  });
  afterEach(async () => {
    await server.close();
    await fake.close();
    await store.close();
  });

  function signed(text: string, opts: { secret?: string; tsOffsetS?: number; tamper?: boolean; channel?: string } = {}) {
    const body = new URLSearchParams({ command: '/briefing', text, channel_id: opts.channel ?? 'C123', user_id: 'U1', team_id: 'T1', response_url: fake.responseUrl('r1'), trigger_id: 't', token: 'legacy' }).toString();
    const ts = String(Math.floor(nowMs / 1000) + (opts.tsOffsetS ?? 0));
    const sig = `v0=${createHmac('sha256', opts.secret ?? SECRET).update(`v0:${ts}:${body}`).digest('hex')}`;
    return fetch(`${base}/slack/events`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-slack-request-timestamp': ts, 'x-slack-signature': sig }, body: opts.tamper ? body.replace('C123', 'C999') : body });
  }

  it('rejects unsigned, wrongly signed, tampered, 6-minute-old and 6-minute-ahead requests with 401', async () => {
    expect((await fetch(`${base}/slack/events`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'command=%2Fbriefing' })).status).toBe(401);
    expect((await signed('', { secret: 'wrong-secret' })).status).toBe(401);
    expect((await signed('', { tamper: true })).status).toBe(401);
    expect((await signed('', { tsOffsetS: -360 })).status).toBe(401);
    expect((await signed('', { tsOffsetS: 360 })).status).toBe(401);
  });

  it('acks /briefing at once with "preparing" when no edition is cached, then responds through response_url', async () => {
    const res = await signed('');
    expect(res.status).toBe(200);
    expect(seen(await res.json())).toContain('جاري تحضير موجز اليوم');
    for (let i = 0; i < 100 && fake.responses.length === 0; i++) await new Promise((r) => setTimeout(r, 20));
    expect(JSON.stringify(fake.responses[0]!.body)).toContain('المغرب يدعو إلى تعاون استخباراتي');
  });

  it('ends the /briefing answer with «الموجز كاملا» linking to the edition page when there is a public URL', async () => {
    const service = samplesService(store, () => new Date(nowMs));
    const linkedServer = createOpsServer({ store });
    const linked = createSlackChannel({ botToken: 'xoxb-test', signingSecret: SECRET, service, briefing: morning, log: SILENT_LOGGER, apiUrl: fake.apiUrl, now: () => nowMs, route: (m, p, h) => linkedServer.route(m, p, h), editionUrl: (b) => `https://briefing.example.com/b/${b.briefingId}/${b.date}` });
    await linked.start();
    const linkedBase = `http://127.0.0.1:${await linkedServer.listen(0, '127.0.0.1')}`;
    try {
      const body = new URLSearchParams({ command: '/briefing', text: '', channel_id: 'C123', user_id: 'U1', team_id: 'T1', response_url: fake.responseUrl('link'), trigger_id: 't', token: 'legacy' }).toString();
      const ts = String(Math.floor(nowMs / 1000));
      const sig = `v0=${createHmac('sha256', SECRET).update(`v0:${ts}:${body}`).digest('hex')}`;
      const post = () => fetch(`${linkedBase}/slack/events`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-slack-request-timestamp': ts, 'x-slack-signature': sig }, body });
      await post();
      for (let i = 0; i < 100 && fake.responses.length === 0; i++) await new Promise((r) => setTimeout(r, 20));
      const late = JSON.stringify(fake.responses[0]!.body);
      const ack = seen(await (await post()).json());
      for (const answer of [late, ack]) expect(answer).toContain(`<https://briefing.example.com/b/morning/${new Date(nowMs).toISOString().slice(0, 10)}|الموجز كاملا>`);
    } finally {
      await linked.stop();
      await linkedServer.close();
    }
  });

  it('answers /briefing from the cached edition in the ack, with a button to post it', async () => {
    await signed('');
    for (let i = 0; i < 100 && fake.responses.length === 0; i++) await new Promise((r) => setTimeout(r, 20));
    const ack = (await (await signed('')).json()) as { response_type: string; blocks: { type: string }[] };
    expect(ack.response_type).toBe('ephemeral');
    expect(ack.blocks[0]!.type).toBe('header');
    expect(JSON.stringify(ack)).toContain('post_briefing');
  });

  it('subscribes a channel the bot is in, and says what to do when it is not', async () => {
    expect(seen(await (await signed('subscribe 06:45 Africa/Cairo')).json())).toContain('أضف البوت إلى هذه القناة أولاً');
    expect(await store.listSubscriptions()).toEqual([]);
    fake.memberOf.add('C123');
    expect(seen(await (await signed('subscribe 06:45 Africa/Cairo')).json())).toContain('06:45');
    expect((await store.listSubscriptions())[0]).toMatchObject({ platform: 'slack', destination: 'C123', deliveryTime: '06:45', timeZone: 'Africa/Cairo' });
    expect(seen(await (await signed('unsubscribe')).json())).toContain('أُلغي اشتراك');
  });

  it('reads the time in Arabic-Indic digits, as Telegram does', async () => {
    fake.memberOf.add('C123');
    expect(seen(await (await signed('subscribe ٠٦:٣٠ Africa/Cairo')).json())).toContain('06:30');
    expect((await store.listSubscriptions())[0]).toMatchObject({ destination: 'C123', deliveryTime: '06:30', timeZone: 'Africa/Cairo' });
  });

  it('a new time without a zone keeps the zone the subscription has (the briefing\'s is only for a new one)', async () => {
    fake.memberOf.add('C123');
    await signed('subscribe 06:45 القاهرة');
    expect(seen(await (await signed('subscribe 18:30')).json())).toContain('18:30 بتوقيت القاهرة');
    expect(await store.listSubscriptions()).toMatchObject([{ destination: 'C123', deliveryTime: '18:30', timeZone: 'Africa/Cairo' }]);
    await signed('subscribe ٧:١٥ م');
    expect(await store.listSubscriptions()).toMatchObject([{ deliveryTime: '19:15', timeZone: 'Africa/Cairo' }]);
    fake.memberOf.add('C456');
    await signed('subscribe 07:00', { channel: 'C456' });
    expect((await store.listSubscriptions()).find((s) => s.destination === 'C456')).toMatchObject({ deliveryTime: '07:00', timeZone: morning.timeZone });
  });

  it('answers bad times, bad zones, unknown topics and help in Arabic', async () => {
    expect(seen(await (await signed('subscribe 7h')).json())).toContain('الوقت غير صالح');
    const unknownZone = seen(await (await signed('subscribe 07:00 Mars/Olympus')).json());
    expect(unknownZone).toContain('غير معروفة');
    // It says that a city will do, as the parser takes one.
    expect(unknownZone).toContain('مدينة مثل الرياض');
    expect(seen(await (await signed('help')).json())).toContain('أوامر /briefing');
    await signed('');
    for (let i = 0; i < 100 && fake.responses.length === 0; i++) await new Promise((r) => setTimeout(r, 20));
    expect(seen(await (await signed('البورصة')).json())).toContain('لا توجد أخبار عن «البورصة»');
  });

  it('the publisher posts Block Kit, pauses a channel that is gone, and honours 429 Retry-After', async () => {
    const pub = createSlackPublisher({ token: 'xoxb-test', apiUrl: fake.apiUrl });
    for (const [c, status] of [['C1', ''], ['C2', 'channel_not_found'], ['C3', '']] as const) {
      if (status) fake.errors.set(c, status);
      await store.upsertSubscription({ platform: 'slack', destination: c, briefingId: 'morning', deliveryTime: '07:00', timeZone: 'Asia/Riyadh' }, 0);
    }
    const e = await store.saveEdition({ briefingId: 'morning', date: '2026-11-29', slot: '07:00', briefing: briefingOf([item(1)]) }, 0);
    await store.enqueueDeliveries(e.id, { briefingId: 'morning', timeZone: 'Asia/Riyadh', deliveryTime: '07:00' }, 'pending', 0);
    fake.rateLimitNext(1, 1);
    const engine = createDeliveryEngine({ store, publishers: { slack: pub }, view: wholeEdition, clock: { now: () => new Date() }, log: SILENT_LOGGER, owner: 's' }, { concurrency: 1 });
    await engine.drain();
    await new Promise((r) => setTimeout(r, 1100));
    await engine.drain();
    const posts = fake.calls.filter((c) => c.method === 'chat.postMessage' && c.body.channel !== 'C2');
    expect(posts.length).toBe(3); // one 429, then both channels once
    expect(await store.countDeliveries()).toEqual({ sent: 2, failed: 1 });
    expect((await store.findSubscription({ platform: 'slack', destination: 'C2' }, 'morning'))).toMatchObject({ status: 'paused', statusReason: 'channel_not_found' });
    expect(classifySlackError({ code: 'slack_webapi_rate_limited_error', retryAfter: 7 })).toEqual({ kind: 'retry-after', seconds: 7 });
  });

  it('posts every section of a briefing with verbatim text, so Slack links no name, channel or address a headline or bullet carries; its own source links stay', async () => {
    const pub = createSlackPublisher({ token: 'xoxb-test', apiUrl: fake.apiUrl });
    await store.upsertSubscription({ platform: 'slack', destination: 'C1', briefingId: 'morning', deliveryTime: '07:00', timeZone: 'Asia/Riyadh' }, 0);
    const loud = item(7);
    loud.digest = { ...loud.digest, headline: 'اجتماع في #general مع @here لمناقشة example.com', bullets: [{ text: 'قال المتحدث إن الموقع www.example.org سيفتح غدا للجميع.', section: 0, sourceSentence: '' }] };
    // Two topics and more items than one message holds: the topic sections and the later messages too.
    const many = briefingOf([loud, ...Array.from({ length: 60 }, (_, i) => item(i))], 2);
    const e = await store.saveEdition({ briefingId: 'morning', date: '2026-11-29', slot: '07:00', briefing: many }, 0);
    await store.enqueueDeliveries(e.id, { briefingId: 'morning', timeZone: 'Asia/Riyadh', deliveryTime: '07:00' }, 'pending', 0);
    const engine = createDeliveryEngine({ store, publishers: { slack: pub }, view: wholeEdition, clock: { now: () => new Date() }, log: SILENT_LOGGER, owner: 's' }, { concurrency: 1 });
    await engine.drain();
    const posts = fake.calls.filter((c) => c.method === 'chat.postMessage');
    expect(posts.length).toBeGreaterThan(1);
    const sections = posts.flatMap((p) => (p.body.blocks as { type: string; text?: { type: string; text: string; verbatim?: boolean } }[]).filter((b) => b.type === 'section'));
    expect(sections.length).toBeGreaterThan(61);
    for (const s of sections) expect(s.text, s.text?.text).toMatchObject({ type: 'mrkdwn', verbatim: true });
    const loudSection = sections.find((s) => s.text!.text.includes('#general'))!;
    expect(loudSection.text!.text).toContain('<https://example.com/7?a=1&b=2|');
    // The answer to /briefing is rendered the same way.
    const empty = renderSlack({ ...briefingOf([]), leftOut: 3 })[0]!;
    for (const b of empty.blocks) if (b.type === 'section') expect(b.text).toMatchObject({ verbatim: true });
  });

  it('pauses a channel where Slack lets only admins post (read-only) or only thread replies, rather than retrying it every day', async () => {
    const pub = createSlackPublisher({ token: 'xoxb-test', apiUrl: fake.apiUrl });
    const refusals = { C1: 'restricted_action_read_only_channel', C2: 'restricted_action_thread_only_channel' } as const;
    for (const [c, error] of Object.entries(refusals)) {
      fake.errors.set(c, error);
      await store.upsertSubscription({ platform: 'slack', destination: c, briefingId: 'morning', deliveryTime: '07:00', timeZone: 'Asia/Riyadh' }, 0);
    }
    const e = await store.saveEdition({ briefingId: 'morning', date: '2026-11-29', slot: '07:00', briefing: briefingOf([item(1)]) }, 0);
    await store.enqueueDeliveries(e.id, { briefingId: 'morning', timeZone: 'Asia/Riyadh', deliveryTime: '07:00' }, 'pending', 0);
    const engine = createDeliveryEngine({ store, publishers: { slack: pub }, view: wholeEdition, clock: { now: () => new Date() }, log: SILENT_LOGGER, owner: 's' }, { concurrency: 1, baseBackoffMs: 10 });
    await engine.drain();
    // Posted once each: Slack will refuse every later try the same way.
    expect(fake.calls.filter((c) => c.method === 'chat.postMessage')).toHaveLength(2);
    for (const [c, error] of Object.entries(refusals)) expect(await store.findSubscription({ platform: 'slack', destination: c }, 'morning')).toMatchObject({ status: 'paused', statusReason: error });
    // The settings say why in Arabic, and what to ask first, not to /invite a bot that is there.
    fake.memberOf.add('C1');
    const settings = seen(await (await signed('settings', { channel: 'C1' })).json());
    expect(settings).toContain('موقوف (');
    expect(settings).not.toContain('restricted_action');
    expect(settings).not.toContain('/invite');
  });

  it('keeps every channel subscribed when Slack refuses the bot token itself (invalid_auth, token_revoked, account_inactive), and retries', async () => {
    const pub = createSlackPublisher({ token: 'xoxb-revoked', apiUrl: fake.apiUrl });
    const channels = ['C1', 'C2', 'C3'];
    for (const [i, c] of channels.entries()) {
      fake.errors.set(c, ['invalid_auth', 'token_revoked', 'account_inactive'][i]!);
      await store.upsertSubscription({ platform: 'slack', destination: c, briefingId: 'morning', deliveryTime: '07:00', timeZone: 'Asia/Riyadh' }, 0);
    }
    const e = await store.saveEdition({ briefingId: 'morning', date: '2026-11-29', slot: '07:00', briefing: briefingOf([item(1)]) }, 0);
    await store.enqueueDeliveries(e.id, { briefingId: 'morning', timeZone: 'Asia/Riyadh', deliveryTime: '07:00' }, 'pending', 0);
    const engine = createDeliveryEngine({ store, publishers: { slack: pub }, view: wholeEdition, clock: { now: () => new Date() }, log: SILENT_LOGGER, owner: 's' }, { concurrency: 1 });
    await engine.drain();
    expect(fake.calls.filter((c) => c.method === 'chat.postMessage')).toHaveLength(3);
    // Not the channels' fault: they stay active, and their deliveries wait for a working token.
    for (const c of channels) expect(await store.findSubscription({ platform: 'slack', destination: c }, 'morning')).toMatchObject({ status: 'active' });
    expect(await store.countDeliveries()).toEqual({ pending: 3 });
    expect(classifySlackError({ code: 'slack_webapi_platform_error', data: { error: 'token_revoked' } })).toMatchObject({ kind: 'transient', reason: expect.stringContaining('SLACK_BOT_TOKEN') });
    // A channel the bot left is still that channel's own problem.
    expect(classifySlackError({ code: 'slack_webapi_platform_error', data: { error: 'not_in_channel' } })).toEqual({ kind: 'gone', reason: 'not_in_channel' });
  });

  it('waits for Slack as long as the engine\'s send timeout, rather than giving up at 15 s and posting the briefing again', async () => {
    const pub = createSlackPublisher({ token: 'xoxb-test', apiUrl: fake.apiUrl });
    await store.upsertSubscription({ platform: 'slack', destination: 'C1', briefingId: 'morning', deliveryTime: '07:00', timeZone: 'Asia/Riyadh' }, 0);
    const e = await store.saveEdition({ briefingId: 'morning', date: '2026-11-29', slot: '07:00', briefing: briefingOf([item(1)]) }, 0);
    await store.enqueueDeliveries(e.id, { briefingId: 'morning', timeZone: 'Asia/Riyadh', deliveryTime: '07:00' }, 'pending', 0);
    // Slack posts the message, but answers after 16 s (as in an incident at Slack).
    fake.delays.set('chat.postMessage', 16_000);
    const engine = createDeliveryEngine({ store, publishers: { slack: pub }, view: wholeEdition, clock: { now: () => new Date() }, log: SILENT_LOGGER, owner: 's' }, { concurrency: 1, sendTimeoutMs: 17_000, baseBackoffMs: 10 });
    await engine.drain();
    // Recorded as sent, not put back to be posted again.
    expect(await store.countDeliveries()).toEqual({ sent: 1 });
    expect(fake.calls.filter((c) => c.method === 'chat.postMessage')).toHaveLength(1);
  }, 25_000);

  it('tries the bot token again when Slack could not be reached at start, then takes /briefing; until then Slack is told 503, not 404', async () => {
    const service = samplesService(store, () => new Date(nowMs));
    const lateServer = createOpsServer({ store });
    const lines: string[] = [];
    const log = { ...SILENT_LOGGER, warn: (o: object, m?: string) => void lines.push(`${m} ${JSON.stringify(o)}`), info: (o: object, m?: string) => void lines.push(`${m}`) };
    const late = createSlackChannel({ botToken: 'xoxb-test', signingSecret: SECRET, service, briefing: morning, log, apiUrl: fake.apiUrl, now: () => nowMs, route: (m, p, h) => lateServer.route(m, p, h) });
    fake.methodErrors.set('auth.test', 'fatal_error');
    await expect(late.start()).rejects.toThrow(/SLACK_BOT_TOKEN/);
    const lateBase = `http://127.0.0.1:${await lateServer.listen(0, '127.0.0.1')}`;
    const help = (): Promise<Response> => {
      const body = new URLSearchParams({ command: '/briefing', text: 'help', channel_id: 'C123', user_id: 'U1', team_id: 'T1', response_url: fake.responseUrl('late'), trigger_id: 't', token: 'legacy' }).toString();
      const ts = String(Math.floor(nowMs / 1000));
      return fetch(`${lateBase}/slack/events`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-slack-request-timestamp': ts, 'x-slack-signature': `v0=${createHmac('sha256', SECRET).update(`v0:${ts}:${body}`).digest('hex')}` }, body });
    };
    try {
      expect((await help()).status).toBe(503);
      expect(lines.some((l) => /tried again in 2 s/.test(l) && l.includes('fatal_error'))).toBe(true);
      // Slack answers again: within the first retry, /briefing works without a restart.
      fake.methodErrors.delete('auth.test');
      await expect.poll(() => late.state(), { timeout: 5000 }).toBe('running');
      const res = await help();
      expect(res.status).toBe(200);
      expect(seen(await res.json())).toContain('أوامر /briefing');
    } finally {
      await late.stop();
      await lateServer.close();
    }
    // Stopped while failing: no more tries.
    const again = createSlackChannel({ botToken: 'xoxb-test', signingSecret: SECRET, service, briefing: morning, log, apiUrl: fake.apiUrl, now: () => nowMs });
    fake.methodErrors.set('auth.test', 'fatal_error');
    await again.start().catch(() => undefined);
    await again.stop();
    const calls = fake.calls.filter((c) => c.method === 'auth.test').length;
    await new Promise((r) => setTimeout(r, 2500));
    expect(fake.calls.filter((c) => c.method === 'auth.test').length).toBe(calls);
  });

  it('classifies a message Slack refuses itself as permanent, and a server error as transient', () => {
    expect(classifySlackError({ code: 'slack_webapi_platform_error', data: { error: 'msg_too_long' } })).toEqual({ kind: 'permanent', reason: 'Slack: msg_too_long' });
    expect(classifySlackError({ code: 'slack_webapi_platform_error', data: { error: 'invalid_blocks' } })).toEqual({ kind: 'permanent', reason: 'Slack: invalid_blocks' });
    expect(classifySlackError({ code: 'slack_webapi_platform_error', data: { error: 'internal_error' } })).toEqual({ kind: 'transient', reason: 'Slack: internal_error' });
  });

  it('waits out a posting limit Slack states in its answer (rate_limited, ratelimited without a 429), rather than spending the retries on it', () => {
    for (const error of ['rate_limited', 'ratelimited']) expect(classifySlackError({ code: 'slack_webapi_platform_error', data: { error } })).toMatchObject({ kind: 'retry-after' });
  });
});

describe('Slack answers that echo what a person typed', () => {
  let fake: FakeSlackApi;
  let server: OpsServer;
  let base: string;
  const nowMs = Date.now();
  beforeEach(async () => {
    fake = await startFakeSlackApi();
    const store = createSqliteStore({ path: ':memory:' });
    server = createOpsServer({ store });
    const channel = createSlackChannel({ botToken: 'xoxb-test', signingSecret: SECRET, service: samplesService(store, () => new Date(nowMs)), briefing: morningDefinition(), log: SILENT_LOGGER, apiUrl: fake.apiUrl, now: () => nowMs, route: (m, p, h) => server.route(m, p, h) });
    await channel.start();
    base = `http://127.0.0.1:${await server.listen(0, '127.0.0.1')}`;
  });
  afterEach(async () => {
    await server.close();
    await fake.close();
  });
  const command = async (text: string): Promise<string> => {
    const body = new URLSearchParams({ command: '/briefing', text, channel_id: 'C1', user_id: 'U1', team_id: 'T1', response_url: fake.responseUrl('e'), trigger_id: 't', token: 'legacy' }).toString();
    const ts = String(Math.floor(nowMs / 1000));
    const sig = `v0=${createHmac('sha256', SECRET).update(`v0:${ts}:${body}`).digest('hex')}`;
    const res = await fetch(`${base}/slack/events`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-slack-request-timestamp': ts, 'x-slack-signature': sig }, body });
    return seen(await res.json());
  };

  it('escapes mentions and links in the words and zones it repeats', async () => {
    await command('');
    for (let i = 0; i < 100 && fake.responses.length === 0; i++) await new Promise((r) => setTimeout(r, 20));
    const noMatch = await command('<!channel> <@U123> <http://evil|اضغط>');
    expect(noMatch).toContain('لا توجد أخبار عن');
    expect(noMatch).not.toMatch(/<!|<@|<http/);
    expect(noMatch).toContain('&lt;!channel&gt;');
    const zone = await command('subscribe 07:00 <!here>');
    expect(zone).toContain('غير معروفة');
    expect(zone).not.toContain('<!here>');
  });
});
