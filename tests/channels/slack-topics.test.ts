/**
 * /briefing topics: a Slack subscription (a channel, or a person's DM with the app) chooses the
 * topics it receives, against the project's fake Slack Web API over HTTP, with signed requests,
 * and receives them (with its +words) in its scheduled briefing.
 */
import { createHmac } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startsRightToLeft, stripBidiControls } from '../../src/arabic/index.js';
import { startFakeSlackApi, type FakeSlackApi } from '../../src/bench/fakes/fake-slack-api.js';
import { createSlackChannel, createSlackPublisher, type SlackChannel } from '../../src/channels/slack/index.js';
import { SILENT_LOGGER, type Store } from '../../src/core/ports.js';
import type { BriefingDefinition } from '../../src/core/types.js';
import { createDeliveryEngine } from '../../src/delivery/index.js';
import { createOpsServer, type OpsServer } from '../../src/server/index.js';
import { createBriefingService, pickTopics, type BriefingService } from '../../src/service/index.js';
import { createFolderSource } from '../../src/sources/index.js';
import { createSqliteStore } from '../../src/store/index.js';
import { morning as morningDefinition, SAMPLES_SOURCE, samplesService } from '../support/fixtures.js';

const SECRET = 'slack-topics-secret';
const topics = [
  { id: 'politics', title: 'سياسة وأمن', keywords: ['الأمن', 'الاستخبارات'] },
  { id: 'sports', title: 'رياضة', keywords: ['المنتخب', 'المباراة'] },
  { id: 'economy', title: 'اقتصاد', keywords: ['الأسعار'] },
];
const morning = morningDefinition({ sources: [SAMPLES_SOURCE], topics });
const evening = morningDefinition({ id: 'evening', title: 'موجز المساء', deliveryTime: '19:00', sources: [SAMPLES_SOURCE], topics: [topics[1]!, { id: 'culture', title: 'الثقافة والفنون', keywords: ['المسرح'] }] });
const nowMs = Date.parse('2026-11-29T05:00:00Z');

let fake: FakeSlackApi;
let store: Store;
let server: OpsServer;
let channel: SlackChannel;
let base: string;

/** Starts the app over `service` (the bundled samples by default). */
async function start(options: { service?: BriefingService; changesBy?: 'admins'; definitions?: BriefingDefinition[] } = {}): Promise<BriefingService> {
  const definitions = options.definitions ?? [morning, evening];
  const service = options.service ?? samplesService(store, () => new Date(nowMs), definitions);
  server = createOpsServer({ store });
  channel = createSlackChannel({ botToken: 'xoxb-test', signingSecret: SECRET, service, briefing: definitions[0]!, briefings: definitions, log: SILENT_LOGGER, apiUrl: fake.apiUrl, route: (m, p, h) => server.route(m, p, h), ...(options.changesBy ? { changesBy: options.changesBy } : {}) });
  await channel.start();
  base = `http://127.0.0.1:${await server.listen(0, '127.0.0.1')}`;
  return service;
}

beforeEach(async () => {
  fake = await startFakeSlackApi();
  store = createSqliteStore({ path: ':memory:' });
});
afterEach(async () => {
  await channel?.stop();
  await server?.close();
  await fake.close();
  await store.close();
});

/** Sends a signed /briefing command and returns the text of the ack, as a reader sees it (bidi controls left out). */
async function command(text: string, where: { channel?: string; channelName?: string; user?: string } = {}): Promise<string> {
  return stripBidiControls(await rawCommand(text, where));
}

/** The same, the text as sent (with its bidi controls). */
async function rawCommand(text: string, where: { channel?: string; channelName?: string; user?: string } = {}): Promise<string> {
  const body = new URLSearchParams({
    command: '/briefing', text, channel_id: where.channel ?? 'C1', channel_name: where.channelName ?? 'general', user_id: where.user ?? 'U1', team_id: 'T1',
    response_url: fake.responseUrl('r'), trigger_id: 't', token: 'legacy',
  }).toString();
  const ts = String(Math.floor(Date.now() / 1000));
  const sig = `v0=${createHmac('sha256', SECRET).update(`v0:${ts}:${body}`).digest('hex')}`;
  const res = await fetch(`${base}/slack/events`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-slack-request-timestamp': ts, 'x-slack-signature': sig }, body });
  expect(res.status).toBe(200);
  const json = (await res.json()) as { text: string; blocks?: unknown[] };
  return json.blocks ? JSON.stringify(json.blocks) : json.text;
}
const topicsOf = async (destination = 'C1', briefingId = 'morning') => (await store.findSubscription({ platform: 'slack', destination }, briefingId))?.topics;

describe('pickTopics', () => {
  it('reads titles with or without the article, ids in any case, diacritics, tatweel, Arabic-Indic digits, direction marks and «و»', () => {
    const def = { topics: [...topics, { id: 'topic2', title: 'الثقافة والفنون', keywords: [] }] };
    expect(pickTopics('الرِّياضة واقتصـــاد', def)).toEqual({ ids: ['sports', 'economy'], unknown: [], all: false });
    expect(pickTopics('\u200fSPORTS\u200f، و سياسة وأمن TOPIC٢', def)).toEqual({ ids: ['sports', 'politics', 'topic2'], unknown: [], all: false });
    expect(pickTopics('ثقافة وفنون والرياضة', def)).toEqual({ ids: ['topic2', 'sports'], unknown: [], all: false });
    expect(pickTopics('رياضه طقس', def)).toEqual({ ids: ['sports'], unknown: ['طقس'], all: false });
    // One word of a title of several names it, when no other title has that word.
    expect(pickTopics('سياسة والفنون', def)).toEqual({ ids: ['politics', 'topic2'], unknown: [], all: false });
    for (const every of ['الكل', 'all', 'كل', 'كل المواضيع']) expect(pickTopics(every, def).all, every).toBe(true);
    expect(pickTopics('المواضيع', def).all).toBe(false);
  });
});

describe('Slack /briefing topics', () => {
  it('shows the topics, chooses some by Arabic title or id, lists the valid ones for an unknown name, and goes back to every topic', async () => {
    await start();
    fake.memberOf.add('C1');
    expect(await command('topics')).toContain('غير مشتركة');
    await command('subscribe');
    const shown = await command('topics');
    expect(shown).toContain('*موجز الصباح* — لم تُختر مواضيع، فتصل كلها:');
    expect(shown).toContain('• رياضة (sports)');
    expect(shown).toContain('لاختيار مواضيع: /briefing topics سياسة وأمن، رياضة');
    expect(shown).toContain('/briefing topics الكل');

    // Titles with or without the article, diacritics, tatweel and a direction mark; «و» between them.
    const chosen = await command('topics \u200fالرِّياضة واقتصـــاد');
    expect(chosen).toContain('«موجز الصباح»: المواضيع المختارة الآن: رياضة، اقتصاد');
    expect(await topicsOf()).toEqual(['sports', 'economy']);
    const after = await command('topics');
    expect(after).toContain('✅ رياضة (sports)');
    expect(after).toContain('✅ اقتصاد (economy)');
    expect(after).toContain('• سياسة وأمن (politics)');
    expect(await command('settings')).toContain('المواضيع: رياضة، اقتصاد');

    // A name that is no topic: nothing changes, and the valid names are listed.
    const unknown = await command('topics رياضة طقس');
    expect(unknown).toContain('لا موضوع باسم «طقس»، ولم يتغير شيء');
    expect(unknown).toContain('سياسة وأمن (politics)، رياضة (sports)، اقتصاد (economy)');
    expect(await topicsOf()).toEqual(['sports', 'economy']);

    expect(await command('topics POLITICS')).toContain('المواضيع المختارة الآن: سياسة وأمن');
    expect(await topicsOf()).toEqual(['politics']);
    expect(await command('topics الكل')).toContain('«موجز الصباح»: تصل الآن كل المواضيع');
    expect(await topicsOf()).toEqual([]);
    expect(await command('settings')).toContain('المواضيع: كل المواضيع');
  });

  it('with several briefings, sets the one named first, else every one whose briefing has the topics', async () => {
    await start();
    fake.memberOf.add('C1');
    await command('subscribe موجز الصباح وموجز المساء');
    const shown = await command('topics');
    expect(shown).toContain('*موجز الصباح*');
    expect(shown).toContain('*موجز المساء*');
    expect(shown).toContain('• الثقافة والفنون (culture)');
    expect(shown).toContain('/briefing topics morning');

    // Only the evening one, named first by its Arabic title.
    expect(await command('topics موجز المساء ثقافة وفنون')).toContain('«موجز المساء»: المواضيع المختارة الآن: الثقافة والفنون');
    expect(await topicsOf('C1', 'evening')).toEqual(['culture']);
    expect(await topicsOf('C1', 'morning')).toEqual([]);
    // No briefing named: every subscription whose briefing has the topic; one that has none of them is left as it was.
    const sport = await command('topics رياضة');
    expect(sport).toContain('«موجز الصباح»: المواضيع المختارة الآن: رياضة');
    expect(sport).toContain('«موجز المساء»: المواضيع المختارة الآن: رياضة');
    expect(await topicsOf('C1', 'morning')).toEqual(['sports']);
    expect(await topicsOf('C1', 'evening')).toEqual(['sports']);
    const economy = await command('topics اقتصاد');
    expect(economy).toContain('«موجز الصباح»: المواضيع المختارة الآن: اقتصاد');
    expect(economy).toContain('لم يتغير «موجز المساء»: ليس فيه أي من هذه المواضيع');
    expect(await topicsOf('C1', 'evening')).toEqual(['sports']);
    // A topic of neither: the valid ones of each briefing.
    const neither = await command('topics evening سياسة');
    expect(neither).toContain('لا موضوع باسم «سياسة»');
    expect(neither).toContain('رياضة (sports)، الثقافة والفنون (culture)');
    expect(neither).not.toContain('politics');
    expect(await command('topics evening الكل')).toContain('«موجز المساء»: تصل الآن كل المواضيع');
    expect(await topicsOf('C1', 'evening')).toEqual([]);
    expect(await topicsOf('C1', 'morning')).toEqual(['economy']);
    // A briefing the channel does not receive.
    await command('unsubscribe evening');
    expect(await command('topics موجز المساء رياضة')).toContain('ليست هذه القناة مشتركة في «موجز المساء»');
  });

  it('works in a person\'s DM with the app, and only admins change a channel\'s topics under changesBy «admins»', async () => {
    await start({ changesBy: 'admins' });
    const dm = { channel: 'D0OTHER', channelName: 'directmessage', user: 'U7' };
    await command('subscribe', dm);
    expect(await command('topics رياضة', dm)).toContain('المواضيع المختارة الآن: رياضة');
    expect(await topicsOf('DU7')).toEqual(['sports']);
    expect(await command('topics', dm)).toContain('✅ رياضة (sports)');

    fake.memberOf.add('C1');
    fake.admins.add('UADMIN');
    await command('subscribe', { user: 'UADMIN' });
    expect(await command('topics رياضة', { user: 'U1' })).toContain('مشرفو مساحة العمل فقط');
    expect(await topicsOf('C1')).toEqual([]);
    expect(await command('topics', { user: 'U1' })).toContain('لم تُختر مواضيع');
    // Naming a briefing only to look is no change; a topic that could be read after it is.
    expect(await command('topics موجز الصباح', { user: 'U1' })).toContain('*موجز الصباح* — لم تُختر مواضيع');
    expect(await command('topics morning رياضة', { user: 'U1' })).toContain('مشرفو مساحة العمل فقط');
    expect(await command('topics morning الكل', { user: 'U1' })).toContain('مشرفو مساحة العمل فقط');
    expect(await command('topics رياضة', { user: 'UADMIN' })).toContain('المواضيع المختارة الآن: رياضة');
    expect(await topicsOf('C1')).toEqual(['sports']);
  });

  it('shows a chosen topic the briefing has since dropped, which brings nothing, and choosing again replaces it', async () => {
    const withWeather = morningDefinition({ sources: [SAMPLES_SOURCE], topics: [...topics, { id: 'weather', title: 'طقس', keywords: ['أمطار'] }] });
    await samplesService(store, () => new Date(nowMs), [withWeather]).updateSubscription(withWeather, { platform: 'slack', destination: 'C1' }, { topics: ['weather'] });
    await start();
    const shown = await command('topics');
    expect(shown).toContain('المواضيع (✅ = مختار');
    expect(shown).toContain('✅ weather — لم يعد في هذا الموجز، فلا يصل منه شيء');
    expect(shown).toContain('• رياضة (sports)');
    expect(await command('topics رياضة')).toContain('المواضيع المختارة الآن: رياضة');
    expect(await topicsOf()).toEqual(['sports']);
  });

  it('refuses more topics than a subscription keeps (20) with what to do, instead of failing without an answer', async () => {
    const many = morningDefinition({ sources: [SAMPLES_SOURCE], topics: Array.from({ length: 21 }, (_, i) => ({ id: `t${i + 1}`, title: `موضوع ${i + 1}`, keywords: [] })) });
    await start({ definitions: [many] });
    fake.memberOf.add('C1');
    await command('subscribe');
    const all = Array.from({ length: 21 }, (_, i) => `t${i + 1}`).join(' ');
    expect(await command(`topics ${all}`)).toContain('لا يتسع الاشتراك لأكثر من 20 موضوعاً، ولم يتغير شيء');
    expect(await topicsOf()).toEqual([]);
    expect(await command(`topics ${all.split(' ').slice(0, 20).join(' ')}`)).toContain('المواضيع المختارة الآن: موضوع 1،');
    expect(await topicsOf()).toHaveLength(20);
  });

  it('answers in lines that read right to left, each /briefing command and Latin id isolated, what was typed escaped', async () => {
    await start();
    fake.memberOf.add('C1');
    await command('subscribe موجز الصباح وموجز المساء');
    const answers = [await rawCommand('topics'), await rawCommand('topics رياضة'), await rawCommand('topics evening طقس <!channel>'), await rawCommand('topics اقتصاد'), await rawCommand('topics all'), await rawCommand('filter +النفط')];
    for (const text of answers) {
      for (const line of text.split('\n').filter(Boolean)) {
        expect(startsRightToLeft(line), line).toBe(true);
        expect(line, line).not.toMatch(/(^|[^\u2068])\/briefing/);
        expect(line.replace(/&(amp|lt|gt);/g, ''), line).not.toMatch(/[<>&]/);
      }
    }
    expect(stripBidiControls(answers[2]!)).toContain('&lt;!channel&gt;');
  });

  it('a +word on a subscription that chose no topics points to /briefing topics; once some are chosen it adds its stories', async () => {
    await start();
    fake.memberOf.add('C1');
    await command('subscribe');
    const plus = await command('filter +النفط');
    expect(plus).toContain('تصل هنا كل المواضيع، فلا تضيف الكلمات (+) شيئاً حتى تختار بعضها: /briefing topics');
    expect(await command('help')).toContain('/briefing topics');
    await command('topics رياضة');
    expect(await command('filter +الذهب')).not.toContain('تنبيه');
    expect(await command('filter -كرة')).not.toContain('تنبيه');
  });
});

/** A story of the briefing's folder source, in the JSON the folder source reads. */
function story(folder: string, file: string, s: { title: string; source: string; topics: string[]; text: string }): void {
  writeFileSync(join(folder, `${file}.json`), JSON.stringify({ ...s, published: '2026-11-28T21:30:00Z' }));
}

describe('Slack: chosen topics and a +word in the scheduled briefing', () => {
  it('after «topics رياضة» and «filter +النفط», the channel\'s morning message holds the sport stories and the oil story, not the others', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'slack-topics-'));
    try {
      story(folder, 'sports-final', { title: 'المنتخب يتأهل إلى نهائي البطولة العربية بعد فوز مثير', source: 'وكالة الرياضة', topics: ['sports'], text: 'تأهل المنتخب الوطني إلى المباراة النهائية للبطولة العربية بعد فوزه على منافسه بهدفين مقابل هدف، في مباراة احتضنها الملعب الدولي أمام أكثر من 45 ألف متفرج.\nوسجل المهاجم الشاب هدف الفوز في الدقيقة 88 من ضربة رأسية.\nويلعب المنتخب المباراة النهائية يوم الجمعة المقبل.' });
      story(folder, 'sports-club', { title: 'نادي الشباب يتعاقد مع مدرب برتغالي لموسمين', source: 'صحيفة الملاعب', topics: ['sports'], text: 'أعلن نادي الشباب تعاقده مع مدرب برتغالي لمدة موسمين خلفا للمدرب السابق الذي أقيل الشهر الماضي.\nوقال رئيس النادي إن المدرب الجديد سيقود أول حصة تدريبية يوم الأحد.\nويحتل الفريق المركز السابع في جدول الدوري.' });
      story(folder, 'oil', { title: 'أسعار النفط ترتفع بعد قرار خفض الإنتاج', source: 'رويترز عربي', topics: ['economy'], text: 'ارتفعت أسعار النفط بأكثر من 3 في المئة اليوم بعد إعلان كبار المنتجين خفض الإنتاج مليون برميل يوميا حتى نهاية الربع الأول.\nوبلغ سعر خام برنت 84 دولارا للبرميل.\nويتوقع محللون أن يستمر ارتفاع النفط في الأسابيع المقبلة.' });
      story(folder, 'dates', { title: 'موسم التمور يبدأ بأسعار مستقرة في الأسواق المحلية', source: 'الاقتصادية', topics: ['economy'], text: 'افتتحت أسواق التمور في عدد من المدن موسمها السنوي هذا الأسبوع وسط إقبال من التجار والمستهلكين، فيما حافظت الأسعار على مستوياتها المسجلة في الموسم الماضي.\nوقال رئيس جمعية المزارعين إن الإنتاج المتوقع يقارب 1.5 مليون طن.' });
      story(folder, 'parliament', { title: 'البرلمان يقر قانون الانتخابات المحلية الجديد', source: 'وكالة الأنباء', topics: ['politics'], text: 'أقر البرلمان بالأغلبية قانون الانتخابات المحلية الجديد بعد نقاش استمر ثلاث جلسات.\nوينص القانون على خفض سن الترشح إلى 25 عاما.\nوتجرى الانتخابات المقبلة في الربيع.' });
      const definition = morningDefinition({ sources: [{ kind: 'folder', url: folder, name: 'أخبار', language: 'ar', topics: [] }], topics });
      const source = createFolderSource({ path: folder, name: 'أخبار' });
      const service = createBriefingService({ store, sourcesFor: () => [source], definitions: [definition], clock: { now: () => new Date(nowMs) }, log: SILENT_LOGGER });
      await start({ service, definitions: [definition] });
      fake.memberOf.add('C1');
      await command('subscribe');
      expect(await command('topics رياضة')).toContain('المواضيع المختارة الآن: رياضة');
      expect(await command('filter +النفط')).not.toContain('تنبيه');

      const edition = await service.getOrComposeEdition(definition, '2026-11-29', '07:00');
      const whole = JSON.stringify(edition.briefing);
      for (const headline of ['المنتخب يتأهل', 'نادي الشباب', 'أسعار النفط ترتفع', 'موسم التمور', 'البرلمان يقر']) expect(whole, headline).toContain(headline);
      await store.enqueueDeliveries(edition.id, { briefingId: 'morning', timeZone: 'Asia/Riyadh', deliveryTime: '07:00' }, 'pending', nowMs);
      const engine = createDeliveryEngine({ store, publishers: { slack: createSlackPublisher({ token: 'xoxb-test', apiUrl: fake.apiUrl }) }, view: (s, e) => service.briefingFor(s, e), clock: { now: () => new Date(nowMs) }, log: SILENT_LOGGER, owner: 't' });
      await engine.drain();
      const posts = fake.calls.filter((c) => c.method === 'chat.postMessage');
      expect(posts.map((p) => p.body.channel)).toEqual(['C1']);
      const posted = JSON.stringify(posts.map((p) => p.body.blocks));
      expect(posted).toContain('المنتخب يتأهل');
      expect(posted).toContain('نادي الشباب');
      expect(posted).toContain('أسعار النفط ترتفع');
      expect(posted).not.toContain('موسم التمور');
      expect(posted).not.toContain('البرلمان يقر');
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
