/**
 * /briefing filter, mute, unmute, briefings, subscribe <briefing> and subscriptions from a direct
 * message, against the project's fake Slack Web API over HTTP, with signed requests.
 */
import { createHmac } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { stripBidiControls } from '../../src/arabic/index.js';
import { startFakeSlackApi, type FakeSlackApi } from '../../src/bench/fakes/fake-slack-api.js';
import { createSlackChannel, createSlackPublisher } from '../../src/channels/slack/index.js';
import { SILENT_LOGGER, type Store } from '../../src/core/ports.js';
import { createDeliveryEngine } from '../../src/delivery/index.js';
import { createOpsServer, type OpsServer } from '../../src/server/index.js';
import type { BriefingService } from '../../src/service/index.js';
import { createSqliteStore } from '../../src/store/index.js';
import { morning as morningDefinition, SAMPLES_SOURCE, samplesService } from '../support/fixtures.js';

const SECRET = 'slack-filters-secret';
const topics = [
  { id: 'politics', title: 'سياسة وأمن', keywords: ['الأمن', 'الاستخبارات'] },
  { id: 'sports', title: 'رياضة', keywords: ['المنتخب', 'المباراة'] },
  { id: 'economy', title: 'اقتصاد', keywords: ['الأسعار'] },
];
const morning = morningDefinition({ sources: [SAMPLES_SOURCE], topics });
const evening = morningDefinition({ id: 'evening', title: 'موجز المساء', deliveryTime: '19:00', sources: [SAMPLES_SOURCE], topics });

let fake: FakeSlackApi;
let store: Store;
let service: BriefingService;
let server: OpsServer;
let base: string;
/** The service's clock (today's edition); requests are signed with the real time, which bolt checks. */
const nowMs = Date.parse('2026-11-29T05:00:00Z');

beforeEach(async () => {
  fake = await startFakeSlackApi();
  store = createSqliteStore({ path: ':memory:' });
  service = samplesService(store, () => new Date(nowMs), [morning, evening]);
  server = createOpsServer({ store });
  const channel = createSlackChannel({ botToken: 'xoxb-test', signingSecret: SECRET, service, briefing: morning, briefings: [morning, evening], log: SILENT_LOGGER, apiUrl: fake.apiUrl, route: (m, p, h) => server.route(m, p, h) });
  await channel.start();
  base = `http://127.0.0.1:${await server.listen(0, '127.0.0.1')}`;
});
afterEach(async () => {
  await server.close();
  await fake.close();
  await store.close();
});

/** Sends a signed /briefing command and returns the text of the ack (the answer only the person sees). */
async function command(text: string, where: { channel?: string; channelName?: string; user?: string; base?: string } = {}): Promise<string> {
  const body = new URLSearchParams({
    command: '/briefing', text, channel_id: where.channel ?? 'C1', channel_name: where.channelName ?? 'general', user_id: where.user ?? 'U1', team_id: 'T1',
    response_url: fake.responseUrl('r'), trigger_id: 't', token: 'legacy',
  }).toString();
  const ts = String(Math.floor(Date.now() / 1000));
  const sig = `v0=${createHmac('sha256', SECRET).update(`v0:${ts}:${body}`).digest('hex')}`;
  const res = await fetch(`${where.base ?? base}/slack/events`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-slack-request-timestamp': ts, 'x-slack-signature': sig }, body });
  expect(res.status).toBe(200);
  const json = (await res.json()) as { text: string; blocks?: unknown[] };
  // What a reader sees: the bidi controls that keep each line right to left left out.
  return stripBidiControls(json.blocks ? JSON.stringify(json.blocks) : json.text);
}
const filtersOf = async (destination = 'C1', briefingId = 'morning') => (await store.findSubscription({ platform: 'slack', destination }, briefingId))?.filters;
/** Today's edition is composed, so that /briefing answers from it in the ack. */
const composeToday = () => service.getOrComposeEdition(morning);

describe('Slack /briefing filter', () => {
  it('adds +words and -words with diacritics and Arabic-Indic digits, shows them in the settings, and clears them', async () => {
    expect(await command('filter +النفط')).toContain('غير مشتركة');
    fake.memberOf.add('C1');
    await command('subscribe');
    const added = await command('filter +النِّفط -كُرَة +٢٠٢٦');
    expect(added).toContain('كلمات مضافة (+): النِّفط، ٢٠٢٦');
    expect(added).toContain('كلمات محذوفة (-): كُرَة');
    expect(await filtersOf()).toEqual({ include: ['النِّفط', '٢٠٢٦'], exclude: ['كُرَة'], muted: [] });
    expect(await command('filter')).toContain('كلمات محذوفة (-): كُرَة');
    expect(await command('settings')).toContain('كلمات مضافة (+): النِّفط، ٢٠٢٦');
    expect(await command('filter clear')).toContain('مُسحت الكلمات');
    expect(await filtersOf()).toEqual({ include: [], exclude: [], muted: [] });
  });

  it('says a +word adds nothing while every topic comes, and how to choose topics (/briefing topics)', async () => {
    fake.memberOf.add('C1');
    expect(await command('filter')).toContain('غير مشتركة');
    await command('subscribe');
    const plus = await command('filter +النفط');
    expect(plus).toContain('تصل هنا كل المواضيع، فلا تضيف الكلمات (+) شيئاً حتى تختار بعضها: /briefing topics');
    expect(await command('filter -كرة')).not.toContain('تنبيه');
  });

  it('a long word or question cut at its limit never keeps half an emoji, which Slack cannot show', async () => {
    fake.memberOf.add('C1');
    await command('subscribe');
    const added = await command(`filter -${'ب'.repeat(63)}😀`);
    expect(added).toContain(`كلمات محذوفة (-): ${'ب'.repeat(63)}`);
    expect(added).not.toMatch(/\p{Cs}/u);
    // The text after /briefing is bounded at 200 units; the answer echoes it.
    await composeToday();
    const answer = await command(`${'ن'.repeat(199)}😀`);
    expect(answer).toContain('لا توجد أخبار عن');
    expect(answer).not.toMatch(/\p{Cs}/u);
  });

  it('/briefing about words the channel\'s own muted outlet hides says so, rather than that there is nothing about them', async () => {
    fake.memberOf.add('C1');
    await command('subscribe');
    await command('mute نص تجريبي');
    await composeToday();
    expect(await command('المنتخب')).toContain('في موجز اليوم أخبار عن «المنتخب» (عددها 1)، لكن الكلمات المحذوفة (-) أو المصادر المكتومة هنا تستبعدها كلها');
    expect(await command('الطائرات')).toContain('لا توجد أخبار عن «الطائرات»');
  });

  it('takes 19 long -words in one command whole: none cut short, none dropped', async () => {
    fake.memberOf.add('C1');
    await command('subscribe');
    const words = 'الاستثمارات الانتخابات المفاوضات الاحتجاجات التظاهرات الصادرات الواردات المستوطنات الجامعات المستشفيات الاتصالات المواصلات الطائرات السيارات العقوبات الاستثناءات المحروقات الاستقالات الإصلاحات'.split(' ');
    const text = `filter ${words.map((w) => `-${w}`).join(' ')}`;
    expect(text.length).toBeGreaterThan(200);
    await command(text);
    expect((await filtersOf())!.exclude).toEqual(words);
  });

  it('echoes words escaped, keeps no stop word, and refuses a 21st word', async () => {
    fake.memberOf.add('C1');
    await command('subscribe');
    const echoed = await command('filter -<!channel>');
    expect(echoed).not.toContain('<!channel>');
    expect(echoed).toContain('&lt;!channel&gt;');
    await command('filter clear');
    expect(await command('filter +في')).toContain('لم تُحفظ');
    const twenty = 'الذهب الفضة القمح الأرز السكر القطن الكاكاو الشاي الحديد النحاس الألمنيوم الغاز الفحم اليورو الدولار الين الليرة الدينار الريال الجنيه';
    await command(`filter ${twenty.split(' ').map((w) => `+${w}`).join(' ')}`);
    expect(await command('filter -النفط')).toContain('لأكثر من 20 كلمة');
    expect((await filtersOf())!.include).toHaveLength(20);
    expect((await filtersOf())!.exclude).toEqual([]);
  });

  it('a -word and a muted outlet hold on demand, and /briefing answers again when they change', async () => {
    fake.memberOf.add('C1');
    await command('subscribe');
    await composeToday();
    expect(await command('')).toContain('المنتخب يتأهل إلى نهائي البطولة العربية');
    await command('filter -المُنتخَب');
    const without = await command('');
    expect(without).not.toContain('المنتخب يتأهل');
    expect(without).toContain('موسم التمور يبدأ بأسعار مستقرة');
    await command('filter clear');
    expect(await command('mute نص تجريبي')).toContain('المصادر المكتومة: نص تجريبي');
    expect(await command('settings')).toContain('مصادر مكتومة: نص تجريبي');
    expect(await command('')).not.toContain('المنتخب يتأهل');
    expect(await command('unmute')).toContain('أُلغي كتم المصادر كلها');
    expect(await command('')).toContain('المنتخب يتأهل');
  });
});

describe('Slack /briefing mute of a name no outlet has', () => {
  it('mutes it, and says that no outlet of today\'s briefing has that name', async () => {
    fake.memberOf.add('C1');
    await command('subscribe');
    await composeToday();
    const typo = await command('mute الجزيره نت');
    expect(typo).toContain('المصادر المكتومة: الجزيره نت');
    expect(typo).toContain('تنبيه: لا مصدر في موجز اليوم باسم «الجزيره نت»');
    expect(await command('mute عينات')).not.toContain('تنبيه');
  });
});

describe('a paused Slack subscription', () => {
  it('stays paused when its words or mutes change (the bot is still out of the channel); /briefing subscribe resumes it', async () => {
    fake.memberOf.add('C1');
    await command('subscribe');
    const sub = (await store.findSubscription({ platform: 'slack', destination: 'C1' }, 'morning'))!;
    await store.setSubscriptionStatus(sub.id, 'paused', 'channel_not_found', Date.now());
    expect(await command('filter -كُرَة +النفط')).toContain('كُرَة');
    expect(await command('mute الجزيرة')).toContain('الجزيرة');
    await command('unmute');
    expect(await store.findSubscription({ platform: 'slack', destination: 'C1' }, 'morning')).toMatchObject({ status: 'paused', statusReason: 'channel_not_found', filters: { include: ['النفط'], exclude: ['كُرَة'], muted: [] } });
    await command('subscribe 06:30');
    const resumed = (await store.findSubscription({ platform: 'slack', destination: 'C1' }, 'morning'))!;
    expect(resumed).toMatchObject({ id: sub.id, status: 'active', deliveryTime: '06:30', filters: { include: ['النفط'], exclude: ['كُرَة'] } });
    expect(resumed.statusReason).toBeUndefined();
  });
});

describe('Slack subscriptions from a direct message', () => {
  const dm = { channel: 'D0OTHER', channelName: 'directmessage', user: 'U7' };

  it('subscribes the person\'s DM with the app (conversations.open), which then receives the filtered briefing', async () => {
    const answer = await command('subscribe ٠٦:٣٠', dm);
    expect(answer).toContain('رسائلك المباشرة مع التطبيق');
    expect(answer).toContain('06:30');
    expect(fake.calls.filter((c) => c.method === 'conversations.open').map((c) => c.body.users)).toEqual(['U7']);
    expect(fake.calls.some((c) => c.method === 'conversations.info')).toBe(false);
    expect(await store.listSubscriptions()).toMatchObject([{ platform: 'slack', destination: 'DU7', deliveryTime: '06:30' }]);
    // Later commands in any DM of that person act on the same subscription (the DM id is kept).
    expect(await command('mute نص تجريبي', dm)).toContain('نص تجريبي');
    expect(await command('settings', dm)).toContain('مصادر مكتومة: نص تجريبي');
    expect(fake.calls.filter((c) => c.method === 'conversations.open')).toHaveLength(1);

    const edition = await service.getOrComposeEdition(morning, '2026-11-29', '06:30');
    await store.enqueueDeliveries(edition.id, { briefingId: 'morning', timeZone: 'Asia/Riyadh', deliveryTime: '06:30' }, 'pending', nowMs);
    const engine = createDeliveryEngine({ store, publishers: { slack: createSlackPublisher({ token: 'xoxb-test', apiUrl: fake.apiUrl }) }, view: (s, e) => service.briefingFor(s, e), clock: { now: () => new Date(nowMs) }, log: SILENT_LOGGER, owner: 't' });
    await engine.drain();
    const posts = fake.calls.filter((c) => c.method === 'chat.postMessage');
    expect(posts.map((p) => p.body.channel)).toEqual(['DU7']);
    const posted = JSON.stringify(posts[0]!.body.blocks);
    expect(posted).toContain('المغرب يدعو إلى تعاون استخباراتي');
    expect(posted).not.toContain('المنتخب يتأهل');
    expect(await command('unsubscribe', dm)).toContain('أُلغي اشتراكك');
    expect(await store.listSubscriptions()).toEqual([]);
  });

  it('filters that leave out every story: the delivery and /briefing both say so, not «no news yet»', async () => {
    await command('subscribe ٠٦:٣٠', dm);
    await command('mute نص تجريبي، عينات', dm);
    const edition = await service.getOrComposeEdition(morning, '2026-11-29', '06:30');
    const stories = edition.briefing.groups.reduce((n, g) => n + g.items.length, 0);
    expect(stories).toBeGreaterThan(0);
    await store.enqueueDeliveries(edition.id, { briefingId: 'morning', timeZone: 'Asia/Riyadh', deliveryTime: '06:30' }, 'pending', nowMs);
    const engine = createDeliveryEngine({ store, publishers: { slack: createSlackPublisher({ token: 'xoxb-test', apiUrl: fake.apiUrl }) }, view: (s, e) => service.briefingFor(s, e), clock: { now: () => new Date(nowMs) }, log: SILENT_LOGGER, owner: 't' });
    await engine.drain();
    const posted = JSON.stringify(fake.calls.filter((c) => c.method === 'chat.postMessage').map((p) => p.body.blocks));
    expect(posted).toContain(`استبعدت المواضيع المختارة والكلمات والمصادر المكتومة أخباره كلها (عددها ${stories})`);
    expect(posted).not.toContain('لا توجد أخبار في هذا الموجز بعد');
    await composeToday();
    const answer = await command('', dm);
    expect(answer).toContain('استبعدت المواضيع المختارة والكلمات والمصادر المكتومة أخباره كلها');
    expect(answer).not.toContain('لا توجد أخبار في هذا الموجز بعد');
  });

  it('says what to do when Slack refuses to open the DM, and stores nothing', async () => {
    fake.dmRefused.add('U7');
    expect(await command('subscribe', dm)).toContain('im:write');
    expect(await store.listSubscriptions()).toEqual([]);
  });
});

describe('Slack: more than one briefing', () => {
  it('a time with no briefing named changes the briefing the channel receives, not the default one, and asks which when it receives several', async () => {
    fake.memberOf.add('C1');
    await command('subscribe evening');
    expect(await command('subscribe ٨:٠٠ م')).toContain('«موجز المساء»');
    expect((await store.listSubscriptions()).map((s) => `${s.briefingId} ${s.deliveryTime}`)).toEqual(['evening 20:00']);
    const weekly = morningDefinition({ id: 'weekly', title: 'الموجز الأسبوعي', deliveryTime: '09:00', sources: [SAMPLES_SOURCE], topics });
    const threeService = samplesService(store, () => new Date(nowMs), [morning, evening, weekly]);
    const threeServer = createOpsServer({ store });
    const three = createSlackChannel({ botToken: 'xoxb-test', signingSecret: SECRET, service: threeService, briefing: morning, briefings: [morning, evening, weekly], log: SILENT_LOGGER, apiUrl: fake.apiUrl, route: (m, p, h) => threeServer.route(m, p, h) });
    await three.start();
    const threeBase = `http://127.0.0.1:${await threeServer.listen(0, '127.0.0.1')}`;
    try {
      const send = (text: string): Promise<string> => command(text, { base: threeBase });
      await send('subscribe weekly');
      const asked = await send('subscribe 06:30');
      expect(asked).toContain('«موجز المساء»');
      expect(asked).toContain('«الموجز الأسبوعي»');
      expect(asked).toContain('/briefing subscribe evening 06:30');
      // Nothing changed, and no default subscription appeared.
      expect((await store.listSubscriptions()).map((s) => `${s.briefingId} ${s.deliveryTime}`).sort()).toEqual(['evening 20:00', 'weekly 09:00']);
    } finally {
      await three.stop();
      await threeServer.close();
    }
  });

  it('/briefing time takes the briefing before the time or after it, as Telegram\'s /time does («time 18:30 evening», «time 06:15 القاهرة المساء»)', async () => {
    fake.memberOf.add('C1');
    await command('subscribe morning evening');
    expect(await command('time 18:30 evening')).toContain('«موجز المساء»');
    expect(await command('time 06:15 م القاهرة موجز المساء')).toContain('18:15 بتوقيت القاهرة');
    expect(await command('time morning 07:45')).toContain('«موجز الصباح»');
    expect((await store.listSubscriptions()).map((s) => `${s.briefingId} ${s.deliveryTime} ${s.timeZone}`).sort()).toEqual(['evening 18:15 Africa/Cairo', 'morning 07:45 Asia/Riyadh']);
    // A word after the time that is neither a zone nor a briefing is still an unknown zone.
    expect(await command('time 18:30 Mars/Olympus')).toContain('غير معروفة');
  });

  it('subscribes to several briefings named by their Arabic titles, joined with «و» as Arabic writes them', async () => {
    fake.memberOf.add('C1');
    const both = await command('subscribe موجز الصباح وموجز المساء ٠٧:١٥');
    expect(both).toContain('«موجز الصباح»');
    expect(both).toContain('«موجز المساء»');
    expect((await store.listSubscriptions()).map((s) => `${s.briefingId} ${s.deliveryTime}`).sort()).toEqual(['evening 07:15', 'morning 07:15']);
    expect(await command('unsubscribe morning و evening')).toContain('أُلغي');
    expect(await store.listSubscriptions()).toEqual([]);
    // A title among other words is still found whole; a word that names nothing is still named.
    expect(await command('subscribe موجز المساء والظهيرة')).toContain('لا أعرف موجزاً باسم «والظهيرة»');
    expect(await store.listSubscriptions()).toEqual([]);
  });

  it('lists the briefings, subscribes to several at a time, shows each, and unsubscribes one', async () => {
    fake.memberOf.add('C1');
    const list = await command('briefings');
    expect(list).toContain('موجز الصباح (morning) — 07:00');
    expect(list).toContain('موجز المساء (evening) — 19:00');
    expect(await command('subscribe weekly')).toContain('لا أعرف موجزاً باسم «weekly»');
    const both = await command('subscribe evening morning 18:30 Africa/Cairo');
    expect(both).toContain('«موجز المساء»');
    expect(both).toContain('«موجز الصباح»');
    expect((await store.listSubscriptions()).map((s) => `${s.briefingId} ${s.deliveryTime} ${s.timeZone}`).sort()).toEqual(['evening 18:30 Africa/Cairo', 'morning 18:30 Africa/Cairo']);
    expect(await command('briefings')).toContain('✅ موجز المساء');
    await command('filter -كُرة');
    for (const id of ['morning', 'evening']) expect((await filtersOf('C1', id))!.exclude).toEqual(['كُرة']);
    const settings = await command('settings');
    expect(settings).toContain('*موجز الصباح*');
    expect(settings).toContain('*موجز المساء*');
    // Leaving one of two: the answer says which went and which still comes, not that the channel left.
    const one = await command('unsubscribe موجز المساء');
    expect(one).toContain('أُلغي اشتراك هذه القناة في «موجز المساء»');
    expect(one).toContain('ما زال يصلها: «موجز الصباح»');
    expect((await store.listSubscriptions()).map((s) => s.briefingId)).toEqual(['morning']);
    // Naming one it does not have: what it has, not «not subscribed».
    const none = await command('unsubscribe evening');
    expect(none).toContain('ليست هذه القناة مشتركة في «موجز المساء»');
    expect(none).toContain('«موجز الصباح»');
    expect(await command('unsubscribe')).toContain('أُلغي اشتراك هذه القناة');
    expect(await store.listSubscriptions()).toEqual([]);
  });

  it('/briefing answers the briefing named first, else the one subscribed where it is typed; its post button posts that briefing', async () => {
    await composeToday();
    await service.getOrComposeEdition(evening);
    fake.memberOf.add('C1');
    expect(await command('')).toContain('موجز الصباح');
    await command('subscribe موجز المساء');
    await command('filter -المنتخب');
    const own = await command('');
    expect(own).toContain('موجز المساء');
    expect(own).not.toContain('المنتخب يتأهل'); // the evening subscription's -word holds
    expect(own).toContain('"value":"evening"');
    const named = await command('morning رياضة');
    expect(named).toContain('موجز الصباح');
    expect(named).toContain('المنتخب يتأهل');
    // The button under the evening's answer posts the evening's edition, through the channel's filters.
    const payload = JSON.stringify({
      type: 'block_actions', user: { id: 'U1' }, team: { id: 'T1' }, channel: { id: 'C1' }, trigger_id: 't', response_url: fake.responseUrl('b'), token: 'legacy',
      actions: [{ type: 'button', action_id: 'post_briefing', block_id: 'b1', value: 'evening', action_ts: '1' }],
    });
    const body = new URLSearchParams({ payload }).toString();
    const ts = String(Math.floor(Date.now() / 1000));
    const sig = `v0=${createHmac('sha256', SECRET).update(`v0:${ts}:${body}`).digest('hex')}`;
    const res = await fetch(`${base}/slack/events`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-slack-request-timestamp': ts, 'x-slack-signature': sig }, body });
    expect(res.status).toBe(200);
    await expect.poll(() => fake.calls.filter((c) => c.method === 'chat.postMessage').length).toBeGreaterThan(0);
    const posted = JSON.stringify(fake.calls.filter((c) => c.method === 'chat.postMessage').map((c) => c.body));
    expect(posted).toContain('موجز المساء');
    expect(posted).not.toContain('موجز الصباح');
    expect(posted).not.toContain('المنتخب يتأهل');
  });
});

describe('Slack: changesBy "admins"', () => {
  it('only workspace admins change a channel\'s subscription, words and mutes; anyone may look, and a person\'s own DM is theirs', async () => {
    // A second app on its own server, configured for admins only, over the same store and fake Slack.
    const adminsServer = createOpsServer({ store });
    const channel = createSlackChannel({ botToken: 'xoxb-test', signingSecret: SECRET, service, briefing: morning, briefings: [morning, evening], log: SILENT_LOGGER, apiUrl: fake.apiUrl, route: (m, p, h) => adminsServer.route(m, p, h), changesBy: 'admins' });
    await channel.start();
    const membersBase = base;
    base = `http://127.0.0.1:${await adminsServer.listen(0, '127.0.0.1')}`;
    try {
      fake.memberOf.add('C1');
      fake.admins.add('UADMIN');
      for (const text of ['subscribe', 'filter -كُرة', 'mute الجزيرة', 'unmute', 'unsubscribe']) {
        expect(await command(text, { user: 'U1' })).toContain('مشرفو مساحة العمل فقط');
      }
      expect(await store.listSubscriptions()).toEqual([]);
      // Looking changes nothing: anyone may.
      expect(await command('filter', { user: 'U1' })).toContain('غير مشتركة');
      expect(await command('briefings', { user: 'U1' })).toContain('موجز المساء');
      // An admin subscribes the channel and sets a word.
      expect(await command('subscribe', { user: 'UADMIN' })).toContain('«موجز الصباح»');
      expect(await command('filter -كُرة', { user: 'UADMIN' })).toContain('كُرة');
      expect((await filtersOf('C1'))!.exclude).toEqual(['كُرة']);
      // In a direct message, the person subscribes their own DM with the app.
      expect(await command('subscribe', { channel: 'D777', channelName: 'directmessage', user: 'U1' })).not.toContain('مشرفو');
      expect((await store.listSubscriptions()).map((s) => s.destination).sort()).toEqual(['C1', 'DU1']);
      // When Slack will not say (no users:read scope), the change is refused with what to do.
      fake.usersInfoError = 'missing_scope';
      expect(await command('unsubscribe', { user: 'U2' })).toContain('users:read');
      expect((await store.listSubscriptions()).map((s) => s.destination).sort()).toEqual(['C1', 'DU1']);
    } finally {
      base = membersBase;
      await channel.stop();
      await adminsServer.close();
    }
  });
});
