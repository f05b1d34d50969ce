/** viewFor: the one decision of what a subscription or an on-demand answer shows. */
import { describe, expect, it } from 'vitest';
import type { Briefing, BriefingItem } from '../../src/core/types.js';
import { mergeFilters, parseFilterText, parseOutletNames, viewFor } from '../../src/service/index.js';
import { StoreError } from '../../src/core/errors.js';
import { morning } from '../support/fixtures.js';

const item = (headline: string, bullet: string, sources: BriefingItem['sources'] = [{ name: 'مصدر' }]): BriefingItem => ({
  topic: '', sources,
  digest: { headline, bullets: [{ text: bullet, section: 0, sourceSentence: bullet }], keyFigures: [], source: sources[0] ?? { name: 'مصدر' }, articleId: headline, topics: [], importance: 1, warnings: [] },
});
const definition = morning({
  topics: [
    { id: 'sports', title: 'رياضة', keywords: [] },
    { id: 'economy', title: 'اقتصاد', keywords: [] },
    { id: 'weather', title: 'طقس', keywords: [] },
  ],
});
const edition: Briefing = {
  briefingId: 'morning', title: 'موجز الصباح', date: '2026-11-29', warnings: [],
  groups: [
    { topic: 'رياضة', topicId: 'sports', items: [item('المنتخب يفوز بالبطولة', 'فاز المنتخب بهدفين.')] },
    { topic: 'اقتصاد', topicId: 'economy', items: [item('أسعار النفط ترتفع', 'ارتفعت أسعار النفط بنسبة 3 في المئة.'), item('البورصة تغلق على تراجع', 'تراجع المؤشر العام.')] },
    { topic: 'منوعات', items: [item('مهرجان للتمور', 'افتتح مهرجان التمور أبوابه.')] },
  ],
};

describe('viewFor', () => {
  it('keeps the groups of the topic ids a subscriber chose, in the edition\'s order', () => {
    expect(viewFor(edition, { topics: ['economy', 'sports'] }).groups.map((g) => g.topicId)).toEqual(['sports', 'economy']);
  });

  it('keeps everything when no topic is chosen, and returns the edition itself', () => {
    expect(viewFor(edition, { topics: [] })).toBe(edition);
  });

  it('reads editions stored before groups carried ids through the definition\'s titles', () => {
    const legacy: Briefing = { ...edition, groups: edition.groups.map(({ topicId: _id, ...g }) => g) };
    expect(viewFor(legacy, { topics: ['economy'] }, definition).groups.map((g) => g.topic)).toEqual(['اقتصاد']);
    expect(viewFor(legacy, { topics: ['economy'] }).groups).toEqual([]);
  });

  it('answers a query that names a topic, by its title (hamza and diacritics aside) or its id', () => {
    expect(viewFor(edition, { topics: [], query: 'اقتصاد' }).groups.map((g) => g.topicId)).toEqual(['economy']);
    expect(viewFor(edition, { topics: [], query: 'رِياضة' }).groups.map((g) => g.topicId)).toEqual(['sports']);
    expect(viewFor(edition, { topics: [], query: 'sports' }).groups.map((g) => g.topicId)).toEqual(['sports']);
  });

  it('answers a query that names several topics with each of them, and a topic with a word with both', () => {
    const topics = (query: string): (string | undefined)[] => viewFor(edition, { topics: [], query }).groups.map((g) => g.topicId);
    expect(topics('رياضة اقتصاد')).toEqual(['sports', 'economy']);
    expect(topics('رياضة واقتصاد')).toEqual(['sports', 'economy']);
    expect(topics('رياضة، و اقتصاد')).toEqual(['sports', 'economy']);
    expect(topics('sports economy')).toEqual(['sports', 'economy']);
    // A topic and a word: the topic's group, and the items of other topics that mention the word.
    const view = viewFor(edition, { topics: [], query: 'رياضة التمور' });
    expect(view.groups.flatMap((g) => g.items.map((i) => i.digest.headline))).toEqual(['المنتخب يفوز بالبطولة', 'مهرجان للتمور']);
    // A title of two words («سياسة وأمن») is read whole.
    const politics: Briefing = { ...edition, groups: [{ topic: 'سياسة وأمن', topicId: 'politics', items: [item('البرلمان يقر الميزانية', 'أقر البرلمان الميزانية.')] }, ...edition.groups] };
    expect(viewFor(politics, { topics: [], query: 'سياسة وأمن رياضة' }).groups.map((g) => g.topicId)).toEqual(['politics', 'sports']);
  });

  it('answers a topic named with the article or its id capitalized: «الرياضة» is the sports group, not stories of «الرياض»', () => {
    const riyadh: Briefing = { ...edition, groups: [...edition.groups, { topic: 'منوعات', items: [item('أمطار على الرياض', 'هطلت أمطار على الرياض.')] }] };
    expect(viewFor(riyadh, { topics: [], query: 'الرياضة' }).groups.map((g) => g.topicId)).toEqual(['sports']);
    expect(viewFor(riyadh, { topics: [], query: 'الاقتصاد' }).groups.map((g) => g.topicId)).toEqual(['economy']);
    expect(viewFor(riyadh, { topics: [], query: 'Sports' }).groups.map((g) => g.topicId)).toEqual(['sports']);
    const security: Briefing = { ...edition, groups: [{ topic: 'سياسة وأمن', topicId: 'politics', items: [item('اجتماع أمني', 'عقد الوزراء اجتماعاً.')] }, ...edition.groups] };
    expect(viewFor(security, { topics: [], query: 'السياسة والأمن' }).groups.map((g) => g.topicId)).toEqual(['politics']);
    // Direction marks and «&» between names, read as /briefing topics reads them.
    expect(viewFor(security, { topics: [], query: '\u200fالسياسة والأمن & economy' }).groups.map((g) => g.topicId)).toEqual(['politics', 'economy']);
    // One word of a title of several is a word to find, not the topic: «الأمن» finds «أمني» and the
    // food-security story filed elsewhere, and not the group's stories that do not mention it.
    const food: Briefing = { ...security, groups: [{ ...security.groups[0]!, items: [...security.groups[0]!.items, item('انتخابات برلمانية', 'صوت الناخبون.')] }, ...security.groups.slice(1), { topic: 'منوعات', items: [item('مؤتمر عن الأمن الغذائي', 'بحث المؤتمر الأمن الغذائي.')] }] };
    expect(headlines(viewFor(food, { topics: [], query: 'الأمن' }))).toEqual(['اجتماع أمني', 'مؤتمر عن الأمن الغذائي']);
    const arts: Briefing = { ...edition, groups: [{ topic: 'فنون', topicId: 'arts', items: [item('معرض للخط العربي', 'افتتح معرض للخط.')] }, ...edition.groups] };
    expect(viewFor(arts, { topics: [], query: 'الفنون' }).groups.map((g) => g.topicId)).toEqual(['arts']);
    // Words that name no topic are still looked for in the stories.
    expect(headlines(viewFor(riyadh, { topics: [], query: 'الرياض' }))).toEqual(['أمطار على الرياض']);
  });

  it('answers other words with the items that mention all of them, light stems matched', () => {
    const oil = viewFor(edition, { topics: [], query: 'النفط' });
    expect(oil.groups.flatMap((g) => g.items.map((i) => i.digest.headline))).toEqual(['أسعار النفط ترتفع']);
    expect(viewFor(edition, { topics: [], query: 'الطائرات' }).groups).toEqual([]);
  });

  it('applies the subscription\'s topics before the query', () => {
    expect(viewFor(edition, { topics: ['sports'], query: 'النفط' }).groups).toEqual([]);
  });
});

/** An edition with outlets, figures and words to filter on. */
const JAZEERA = { name: 'الجزيرة نت', url: 'https://www.aljazeera.net/news/1' };
const BBC = { name: 'BBC عربي', url: 'https://www.bbc.com/arabic/2' };
const SKY = { name: 'سكاي نيوز عربية', url: 'https://www.skynewsarabia.com/3' };
const news: Briefing = {
  briefingId: 'morning', title: 'موجز الصباح', date: '2026-11-29', warnings: [],
  groups: [
    { topic: 'رياضة', topicId: 'sports', items: [
      item('المنتخب يفوز في مباراة كرة القدم', 'فاز المنتخب بهدفين.', [BBC]),
      item('بطولة التنس تبدأ غداً', 'تنطلق البطولة بمشاركة ٣٢ لاعباً.', [SKY]),
    ] },
    { topic: 'اقتصاد', topicId: 'economy', items: [
      item('أسعار النفط ترتفع', 'ارتفعت أسعار النفط في موازنة 2026.', [JAZEERA, BBC]),
      item('البورصة تغلق على تراجع', 'تراجع المؤشر العام.', [JAZEERA]),
    ] },
    { topic: 'منوعات', items: [item('مهرجان للتمور في ٢٠٢٦', 'افتتح مهرجان التمور أبوابه.', [SKY])] },
  ],
};
const headlines = (b: Briefing): string[] => b.groups.flatMap((g) => g.items.map((i) => i.digest.headline));
const noFilters = { include: [], exclude: [], muted: [] };

describe('viewFor with a subscriber\'s filters', () => {
  it('receives (topics ∪ +words) − -words − muted outlets', () => {
    const view = viewFor(news, { topics: ['sports'], filters: { include: ['النفط'], exclude: ['كرة'], muted: ['سكاي نيوز'] } });
    // sports minus football minus the item only Sky reported; plus oil from the economy group.
    expect(headlines(view)).toEqual(['أسعار النفط ترتفع']);
    expect(view.groups.map((g) => g.topicId)).toEqual(['economy']);
  });

  it('matches words with diacritics, hamza forms and Arabic-Indic digits on their light stems', () => {
    expect(headlines(viewFor(news, { topics: ['sports'], filters: { ...noFilters, include: ['النِّفْط'] } }))).toContain('أسعار النفط ترتفع');
    expect(headlines(viewFor(news, { topics: ['sports'], filters: { ...noFilters, include: ['٢٠٢٦'] } }))).toEqual([
      'المنتخب يفوز في مباراة كرة القدم', 'بطولة التنس تبدأ غداً', 'أسعار النفط ترتفع', 'مهرجان للتمور في ٢٠٢٦',
    ]);
    expect(headlines(viewFor(news, { topics: [], filters: { ...noFilters, exclude: ['الكُرَة'] } }))).not.toContain('المنتخب يفوز في مباراة كرة القدم');
    expect(headlines(viewFor(news, { topics: [], filters: { ...noFilters, exclude: ['٣٢'] } }))).not.toContain('بطولة التنس تبدأ غداً');
  });

  it('finds a word in a story in whatever form the story writes it, one the stop-word list holds too («للأمم»)', () => {
    const un: Briefing = { ...news, groups: [...news.groups, { topic: 'سياسة', topicId: 'politics', items: [item('الأمين العام يحذر من المجاعة', 'قال الأمين العام للأمم المتحدة إن الوضع خطير.', [SKY])] }] };
    const warned = 'الأمين العام يحذر من المجاعة';
    expect(headlines(viewFor(un, { topics: ['sports'], filters: { ...noFilters, include: ['الأمم المتحدة'] } }))).toContain(warned);
    expect(headlines(viewFor(un, { topics: [], filters: { ...noFilters, exclude: ['الأمم'] } }))).not.toContain(warned);
    expect(headlines(viewFor(un, { topics: [], query: 'الأمم المتحدة' }))).toEqual([warned]);
    // The reader's own stop words are still never kept: «+في» matches nothing.
    expect(parseFilterText('+في')).toMatchObject({ include: [], ignored: ['+في'] });
  });

  it('keeps the letter of «G20» or «F-16»: «-G20» does not leave out every story that mentions 20', () => {
    const summit: Briefing = { ...news, groups: [...news.groups, { topic: 'سياسة', topicId: 'politics', items: [item('قمة مجموعة G20 تبدأ', 'يجتمع قادة مجموعة G20 غداً.', [SKY]), item('مقتل 20 شخصاً في حادث', 'قتل 20 شخصاً في حادث سير.', [SKY])] }] };
    expect(headlines(viewFor(summit, { topics: [], filters: { ...noFilters, exclude: ['G20'] } }))).toContain('مقتل 20 شخصاً في حادث');
    expect(headlines(viewFor(summit, { topics: [], filters: { ...noFilters, exclude: ['g20'] } }))).not.toContain('قمة مجموعة G20 تبدأ');
    expect(headlines(viewFor(summit, { topics: ['economy'], filters: { ...noFilters, include: ['G20'] } }))).toEqual(['أسعار النفط ترتفع', 'البورصة تغلق على تراجع', 'قمة مجموعة G20 تبدأ']);
    expect(parseFilterText('+A')).toMatchObject({ include: [], ignored: ['+A'] });
  });

  it('a -word wins over a topic and over a +word', () => {
    const view = viewFor(news, { topics: ['economy'], filters: { ...noFilters, include: ['المنتخب'], exclude: ['أسعار'] } });
    expect(headlines(view)).toEqual(['المنتخب يفوز في مباراة كرة القدم', 'البورصة تغلق على تراجع']);
  });

  it('drops an item whose every outlet is muted, and only the muted link of one that others reported', () => {
    const view = viewFor(news, { topics: ['economy'], filters: { ...noFilters, muted: ['الجزيرة'] } });
    expect(headlines(view)).toEqual(['أسعار النفط ترتفع']);
    expect(view.groups[0]!.items[0]!.sources).toEqual([BBC]);
    expect(news.groups[1]!.items[0]!.sources).toEqual([JAZEERA, BBC]); // the edition is never changed
    expect(headlines(viewFor(news, { topics: ['economy'], filters: { ...noFilters, muted: ['aljazeera.net'] } }))).toEqual(['أسعار النفط ترتفع']);
    expect(headlines(viewFor(news, { topics: ['economy'], filters: { ...noFilters, muted: ['نت'] } }))).toEqual(['أسعار النفط ترتفع']);
    // A name written with a dot («العربية.نت», «الجزيرة.نت») is a name, not a web host.
    const dotted = { ...news, groups: [{ topic: 'اقتصاد', topicId: 'economy', items: [item('أسعار النفط ترتفع', 'ارتفعت أسعار النفط.', [{ name: 'العربية.نت', url: 'https://www.alarabiya.net/1' }])] }] };
    expect(headlines(viewFor(dotted, { topics: [], filters: { ...noFilters, muted: ['العربية.نت'] } }))).toEqual([]);
    // With or without the article, whatever its stem: «العينات» mutes «عينات», «أيام» mutes «صحيفة الأيام».
    const samples = { ...news, groups: [{ topic: 'منوعات', items: [item('موسم التمور يبدأ', 'افتتحت أسواق التمور موسمها.', [{ name: 'عينات' }]), item('أمطار غزيرة', 'توقعت الهيئة أمطاراً.', [{ name: 'صحيفة الأيام' }])] }] };
    expect(headlines(viewFor(samples, { topics: [], filters: { ...noFilters, muted: ['العينات'] } }))).toEqual(['أمطار غزيرة']);
    expect(headlines(viewFor(samples, { topics: [], filters: { ...noFilters, muted: ['أيام'] } }))).toEqual(['موسم التمور يبدأ']);
    expect(mergeFilters({ ...noFilters, muted: ['عينات'] }, { unmute: ['العينات'] }).muted).toEqual([]);
    // A name muted must be the outlet's words in order, not any word of it.
    expect(headlines(viewFor(news, { topics: ['economy'], filters: { ...noFilters, muted: ['الجزيرة عربي'] } }))).toHaveLength(2);
  });

  it('applies the filters to an on-demand answer (every topic, then the query)', () => {
    const view = viewFor(news, { topics: [], query: 'اقتصاد', filters: { ...noFilters, muted: ['الجزيرة نت'] } });
    expect(headlines(view)).toEqual(['أسعار النفط ترتفع']);
  });

  it('counts the stories a reader does not see, so that a view left empty is told apart from an edition with no news', () => {
    const none = viewFor(news, { topics: ['sports'], filters: { ...noFilters, exclude: ['المنتخب', 'البطولة'] } });
    expect(none.groups).toEqual([]);
    expect(none.leftOut).toBe(5);
    expect(viewFor(news, { topics: ['economy'] }).leftOut).toBe(3);
    // A muted link of a story that stays is no story left out.
    expect(viewFor(news, { topics: [], filters: { ...noFilters, muted: ['BBC'] } }).leftOut).toBe(1);
    expect(viewFor(news, { topics: [] }).leftOut).toBeUndefined();
    // Of those, the ones the words asked about found and the reader's own -words then hid.
    const asked = viewFor(news, { topics: [], query: 'النفط', filters: { ...noFilters, exclude: ['أسعار'] } });
    expect(asked.groups).toEqual([]);
    expect(asked.hiddenByFilters).toBe(1);
    expect(viewFor(news, { topics: [], query: 'الطائرات', filters: { ...noFilters, exclude: ['أسعار'] } }).hiddenByFilters).toBeUndefined();
  });

  it('keeps the edition itself when the filters are empty', () => {
    expect(viewFor(news, { topics: [], filters: noFilters })).toBe(news);
  });
});

describe('parseFilterText and mergeFilters', () => {
  it('reads +words, -words and bare words, and sets aside stop words', () => {
    expect(parseFilterText('+النفط -كرة الذهب')).toEqual({ kind: 'add', include: ['النفط', 'الذهب'], exclude: ['كرة'], ignored: [] });
    expect(parseFilterText('+في −٢٠٢٦')).toEqual({ kind: 'add', include: [], exclude: ['٢٠٢٦'], ignored: ['+في'] });
    expect(parseFilterText('  ')).toEqual({ kind: 'show' });
    expect(parseFilterText('clear')).toEqual({ kind: 'clear' });
    expect(parseFilterText('مسح')).toEqual({ kind: 'clear' });
  });

  it('reads a sign parted from its word by a space as the word\'s («- كرة» is no +word كرة), and a comma as a space between entries', () => {
    expect(parseFilterText('+ النفط - كرة')).toEqual({ kind: 'add', include: ['النفط'], exclude: ['كرة'], ignored: [] });
    expect(parseFilterText('-  «كرة القدم» ، + الذهب')).toEqual({ kind: 'add', include: ['الذهب'], exclude: ['كرة القدم'], ignored: [] });
    expect(parseFilterText('-كرة، -المنتخب,+النفط؛ -تنس')).toEqual({ kind: 'add', include: ['النفط'], exclude: ['كرة', 'المنتخب', 'تنس'], ignored: [] });
    // A comma between digits is a number's.
    expect(parseFilterText('+1,000 -F-16')).toEqual({ kind: 'add', include: ['1,000'], exclude: ['F-16'], ignored: [] });
  });

  it('clears on «مسح الكل», «امسح» or «Clear all», rather than saving a +word «مسح»', () => {
    for (const text of ['مسح الكل', 'امسح', 'إمسح الكل', 'Clear all', 'RESET']) expect(parseFilterText(text)).toEqual({ kind: 'clear' });
    expect(parseFilterText('مسح النفط')).toMatchObject({ kind: 'add' });
  });

  it('keeps the sign of a word behind an Arabic letter mark or a zero-width space: «-كرة» stays a -word', () => {
    // U+061C (ALM) is what an Arabic keyboard types for direction; U+200B comes with copied text.
    expect(parseFilterText('\u061C-كرة \u200B-الذهب +\u061Cالنفط')).toEqual({ kind: 'add', include: ['النفط'], exclude: ['كرة', 'الذهب'], ignored: [] });
    expect(parseFilterText('\u061Cمسح')).toEqual({ kind: 'clear' });
    expect(parseOutletNames('\u200Bالجزيرة\u061C، \uFEFFBBC عربي')).toEqual(['الجزيرة', 'BBC عربي']);
  });

  it('reads a link pasted from a story as its site («/mute https://www.aljazeera.net/news/1» mutes aljazeera.net); a name with a dot stays a name', () => {
    expect(parseOutletNames('https://www.aljazeera.net/news/1، aljazeera.net/news, http://BBC.co.uk/')).toEqual(['aljazeera.net', 'aljazeera.net', 'bbc.co.uk']);
    expect(parseOutletNames('العربية.نت، Sky News، Aljazeera.net')).toEqual(['العربية.نت', 'Sky News', 'Aljazeera.net']);
    const [site] = parseOutletNames('https://www.aljazeera.net/news/1');
    expect(headlines(viewFor(news, { topics: ['economy'], filters: { ...noFilters, muted: [site!] } }))).toEqual(['أسعار النفط ترتفع']);
  });

  it('bounds a long word or outlet name at 64 units without cutting an emoji in half', () => {
    const word = `${'ب'.repeat(63)}😀`;
    const request = parseFilterText(`+${word}`);
    expect(request).toEqual({ kind: 'add', include: ['ب'.repeat(63)], exclude: [], ignored: [] });
    expect(parseOutletNames(word)).toEqual(['ب'.repeat(63)]);
    expect(mergeFilters(undefined, { mute: [word] }).muted).toEqual(['ب'.repeat(63)]);
    expect(parseFilterText(`+${'ب'.repeat(62)}😀`)).toMatchObject({ include: [`${'ب'.repeat(62)}😀`] });
  });

  it('takes a phrase in quotes as one entry: «-«كرة القدم»» gives no +word «القدم», and «+"الأمم المتحدة"» does not add every story of «الولايات المتحدة»', () => {
    expect(parseFilterText('-«كرة القدم» +"الأمم المتحدة" +“مجلس الأمن”')).toEqual({ kind: 'add', include: ['الأمم المتحدة', 'مجلس الأمن'], exclude: ['كرة القدم'], ignored: [] });
    const us: Briefing = { ...news, groups: [...news.groups, { topic: 'سياسة', topicId: 'politics', items: [item('الولايات المتحدة ترفع الرسوم', 'أعلنت الولايات المتحدة رسوماً جديدة.', [SKY]), item('الأمم المتحدة تحذر', 'حذرت الأمم المتحدة من المجاعة.', [SKY])] }] };
    const request = parseFilterText('+"الأمم المتحدة"');
    const include = request.kind === 'add' ? request.include : [];
    expect(headlines(viewFor(us, { topics: ['economy'], filters: { ...noFilters, include } }))).toEqual(['أسعار النفط ترتفع', 'البورصة تغلق على تراجع', 'الأمم المتحدة تحذر']);
  });

  it('a word typed twice in one command counts once, on the side typed last', () => {
    expect(parseFilterText('-النفط +النِّفط')).toEqual({ kind: 'add', include: ['النِّفط'], exclude: [], ignored: [] });
    expect(parseFilterText('+النفط -كرة -نفط')).toEqual({ kind: 'add', include: [], exclude: ['كرة', 'نفط'], ignored: [] });
    expect(parseFilterText('+نفط +النفط +للنفط')).toEqual({ kind: 'add', include: ['للنفط'], exclude: [], ignored: [] });
  });

  it('moves a word given again to its new side, whatever its diacritics, and clears', () => {
    const a = mergeFilters(undefined, { addWords: { include: ['النفط'], exclude: ['كرة'] } });
    expect(a).toEqual({ include: ['النفط'], exclude: ['كرة'], muted: [] });
    expect(mergeFilters(a, { addWords: { exclude: ['النِّفط'] } })).toEqual({ include: [], exclude: ['كرة', 'النِّفط'], muted: [] });
    expect(mergeFilters(a, { clearWords: true, addWords: { include: ['الذهب'] } })).toEqual({ include: ['الذهب'], exclude: [], muted: [] });
  });

  it('mutes an outlet once, unmutes it by another spelling, and unmutes all', () => {
    const a = mergeFilters(undefined, { mute: ['الجزيرة', 'الجَزيرة', 'BBC عربي'] });
    expect(a.muted).toEqual(['الجزيرة', 'BBC عربي']);
    expect(mergeFilters(a, { unmute: ['جزيرة'] }).muted).toEqual(['BBC عربي']);
    expect(mergeFilters(a, { unmute: 'all' }).muted).toEqual([]);
  });

  it('refuses a 21st word with a StoreError naming the limit', () => {
    const words = 'الذهب الفضة القمح الأرز السكر القطن الكاكاو الشاي الحديد النحاس الألمنيوم الغاز الفحم اليورو الدولار الين الليرة الدينار الريال الجنيه'.split(' ');
    const twenty = mergeFilters(undefined, { addWords: { include: words } });
    expect(twenty.include).toHaveLength(20);
    const err = (() => { try { mergeFilters(twenty, { addWords: { exclude: ['النفط'] } }); } catch (e) { return e; } })();
    expect(err).toBeInstanceOf(StoreError);
    expect((err as StoreError).code).toBe('filters_full');
    expect(mergeFilters(twenty, { addWords: { exclude: ['ذَهَب'] } }).exclude).toEqual(['ذَهَب']); // a move is not a new word
  });
});

describe('filters from hostile input', () => {
  it('treats pattern characters as text: no word is a regex, and nothing matches by accident', () => {
    const request = parseFilterText('+(a+)+$ -.* +[^x] -\\d+ +النفط');
    expect(request).toEqual({ kind: 'add', include: ['النفط'], exclude: [], ignored: ['+(a+)+$', '-.*', '+[^x]', '-\\d+'] });
    const view = viewFor(news, { topics: ['sports'], filters: { include: ['(النفط|.*)'], exclude: ['.*'], muted: ['.*'] } });
    // «(النفط|.*)» holds the word «النفط» and nothing else that could match: the oil story is added, no other.
    expect(headlines(view)).toEqual(['المنتخب يفوز في مباراة كرة القدم', 'بطولة التنس تبدأ غداً', 'أسعار النفط ترتفع']);
  });

  it('a word of 10,000 letters and an outlet name of 10,000 spaces are bounded, and match nothing', () => {
    const long = 'ا'.repeat(10_000);
    const request = parseFilterText(`+${long}`);
    expect(request.kind === 'add' && request.include[0]!.length).toBe(64);
    expect(headlines(viewFor(news, { topics: [], filters: { include: [], exclude: [long], muted: [' '.repeat(10_000)] } }))).toHaveLength(5);
  });
});
