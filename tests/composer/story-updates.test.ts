/** A story sent yesterday is not sent again, unless a new outlet or a new fact joined it: then it is an update. */
import { describe, expect, it } from 'vitest';
import { composeBriefing, composeDigest } from '../../src/composer/index.js';
import { compareWithEarlier, updateLead } from '../../src/composer/story-updates.js';
import type { Article, BriefingItem } from '../../src/core/types.js';
import { bookFair, followUpWithFigure, otherOutletReport, repostedReport, yesterdaysReport } from '../support/follow-up-stories.js';

const options = { briefingId: 'morning', title: 'موجز الصباح', topics: [] };
const yesterday = composeBriefing([composeDigest(yesterdaysReport)], { ...options, date: '2026-12-01' });
const sent: BriefingItem[] = yesterday.groups.flatMap((g) => g.items);
const today = (...articles: Article[]) => composeBriefing(articles.map((a) => composeDigest(a)), { ...options, date: '2026-12-02', earlier: sent });
const items = (b: ReturnType<typeof composeBriefing>) => b.groups.flatMap((g) => g.items);

describe('stories sent in an earlier edition', () => {
  it('yesterday\'s edition told the story once', () => {
    expect(items(yesterday)).toHaveLength(1);
    expect(items(yesterday)[0]!.update).toBeUndefined();
  });

  it('the same report posted again is left out', () => {
    const b = today(repostedReport, bookFair);
    expect(items(b).map((i) => i.digest.articleId)).toEqual([bookFair.id]);
    expect(b.warnings).toContain('1 stories left out: sent in an earlier edition, nothing new since.');
  });

  it('the very article sent yesterday, still in the feed, is left out', () => {
    expect(items(today(yesterdaysReport))).toEqual([]);
  });

  it('another outlet telling it makes it an update', () => {
    const [item, ...rest] = items(today(otherOutletReport));
    expect(rest).toEqual([]);
    expect(item).toMatchObject({ update: true, sources: [{ name: 'وكالة الأنباء' }] });
  });

  it('an update leads with what is new, not with the article sent yesterday', () => {
    // Yesterday's article ranks first in the story (the most important digest leads a story).
    const digests = [{ ...composeDigest(yesterdaysReport), importance: 10 }, { ...composeDigest(otherOutletReport), importance: 1 }];
    const [item, ...rest] = items(composeBriefing(digests, { ...options, date: '2026-12-02', earlier: sent }));
    expect(rest).toEqual([]);
    expect(updateLead(digests, sent)).toBe(1);
    expect(updateLead(digests.slice(1), sent)).toBe(0);
    expect(item).toMatchObject({ update: true, digest: { articleId: otherOutletReport.id } });
    expect(item!.sources.map((s) => s.name).sort()).toEqual(['الوطن', 'وكالة الأنباء'].sort());
  });

  it('the same outlet with a new figure makes it an update', () => {
    const [item] = items(today(followUpWithFigure));
    expect(item).toMatchObject({ update: true });
    expect(item!.digest.keyFigures.join(' ')).toContain('2.5');
  });

  it('the same outlet with a new toll makes it an update, even when the toll is no key figure shown («قتل 45 شخصا» has no label)', () => {
    const blast = (id: string, n: number, published: string) => ({
      id, title: 'انفجار يستهدف سوقا شعبيا وسط المدينة', published, source: { name: 'الوطن', url: id }, topics: [],
      sections: [{ paragraphs: [
        `قتل ${n} شخصا في انفجار استهدف سوقا شعبيا وسط المدينة صباح اليوم، وفق ما أعلنت السلطات المحلية.`,
        'وقال شهود إن الانفجار وقع قرب مدخل السوق في ساعة الذروة، وإن سيارات الإسعاف نقلت المصابين إلى مستشفيات المدينة.',
      ] }],
    });
    const first = composeBriefing([composeDigest(blast('https://alwatan.example/blast', 27, '2026-12-01T09:00:00Z'))], { ...options, date: '2026-12-01' });
    const earlier = first.groups.flatMap((g) => g.items);
    expect(earlier[0]!.digest.keyFigures.join(' ')).not.toContain('27');
    const next = composeBriefing([composeDigest(blast('https://alwatan.example/blast-toll', 45, '2026-12-02T03:00:00Z'))], { ...options, date: '2026-12-02', earlier });
    expect(items(next)[0]).toMatchObject({ update: true });
    // The same toll again is no update.
    const again = composeBriefing([composeDigest(blast('https://alwatan.example/blast-again', 27, '2026-12-02T03:00:00Z'))], { ...options, date: '2026-12-02', earlier });
    expect(items(again)).toEqual([]);
  });

  it('the same value written another way (a tanwin, «نحو», Arabic-Indic digits) is no new value', () => {
    const story = (id: string, last: string, published: string) => ({
      id, title: 'انهيار مبنى سكني قديم في حي الميناء', published, source: { name: 'الوطن', url: id }, topics: [],
      sections: [{ paragraphs: [
        'انهار مبنى سكني قديم في حي الميناء فجر اليوم، وهرعت فرق الدفاع المدني إلى المكان لانتشال العالقين تحت الأنقاض.',
        'وقالت البلدية إنها حذرت السكان مرارا من تصدع جدران المبنى خلال الأشهر الأخيرة.',
        last,
      ] }],
    });
    const first = composeBriefing([composeDigest(story('https://alwatan.example/collapse', 'وأحصت فرق الإنقاذ نحو 45 شخصا بين قتيل وجريح في حصيلة أولية.', '2026-12-01T09:00:00Z'))], { ...options, date: '2026-12-01' });
    const earlier = first.groups.flatMap((g) => g.items);
    for (const last of ['وأحصت فرق الإنقاذ 45 شخصاً بين قتيل وجريح في حصيلة أولية.', 'وأحصت فرق الإنقاذ نحو ٤٥ شخصا بين قتيل وجريح في حصيلة أولية.']) {
      const next = composeBriefing([composeDigest(story(`https://alwatan.example/collapse-${last.length}`, last, '2026-12-02T03:00:00Z'))], { ...options, date: '2026-12-02', earlier });
      expect(items(next)).toEqual([]);
    }
    // Items stored when values were kept as written («نحو 45 شخصا») read the same.
    const asWritten = earlier.map((it) => ({ ...it, digest: { ...it.digest, figureValues: ['نحو 45 شخصا'] } }));
    const reposted = composeBriefing([composeDigest(story('https://alwatan.example/collapse-repost', 'وأحصت فرق الإنقاذ نحو 45 شخصا بين قتيل وجريح في حصيلة أولية.', '2026-12-02T03:00:00Z'))], { ...options, date: '2026-12-02', earlier: asWritten });
    expect(items(reposted)).toEqual([]);
    const grown = composeBriefing([composeDigest(story('https://alwatan.example/collapse-toll', 'وأحصت فرق الإنقاذ نحو 60 شخصا بين قتيل وجريح في حصيلة أولية.', '2026-12-02T03:00:00Z'))], { ...options, date: '2026-12-02', earlier });
    expect(items(grown)[0]).toMatchObject({ update: true });
  });

  it('a story of its own is new, not an update', () => {
    const [item] = items(today(bookFair));
    expect(item!.update).toBeUndefined();
  });

  it('without earlier items every story is new; the comparison names each story', () => {
    const d = [composeDigest(repostedReport), composeDigest(otherOutletReport), composeDigest(bookFair)];
    expect(compareWithEarlier([[d[0]!], [d[1]!], [d[2]!]], [])).toEqual(['new', 'new', 'new']);
    expect(compareWithEarlier([[d[0]!], [d[1]!], [d[2]!]], sent)).toEqual(['repeat', 'update', 'new']);
  });
});

describe('comparing a large day with earlier editions', () => {
  it('gives the event loop turns while it clusters, with the same result as the synchronous comparison', async () => {
    const { syntheticDay } = await import('../support/synthetic-day.js');
    const { clusterDigests, clusterDigestsAsync } = await import('../../src/composer/index.js');
    const digests = syntheticDay(3_000).map((a) => composeDigest(a));
    // Earlier editions sent some of these stories: their items are what comparing reads.
    const earlierItems = items(composeBriefing(digests.slice(0, 200), { ...options, date: '2026-12-01', maxItems: 30 }));
    expect(earlierItems.length).toBeGreaterThan(5);
    /** Turns the event loop takes while `work` runs: a callback queued as an HTTP request would be, again and again. */
    const turnsDuring = async <T>(work: () => Promise<T>): Promise<{ turns: number; result: T }> => {
      let turns = 0;
      let done = false;
      const tick = (): void => {
        if (done) return;
        turns++;
        setImmediate(tick);
      };
      setImmediate(tick);
      const result = await work();
      done = true;
      return { turns, result };
    };
    const clusteredOnly = (await turnsDuring(() => clusterDigestsAsync(digests, {}))).turns;
    const { turns, result: withEarlier } = await turnsDuring(() => clusterDigestsAsync(digests, { earlier: earlierItems }));
    // Comparing with the earlier items clusters the day's stories once more, pausing as it goes.
    const stories = (await clusterDigestsAsync(digests, {})).stories.length;
    expect(turns - clusteredOnly).toBeGreaterThanOrEqual(Math.floor(stories / 256));
    const sync = clusterDigests(digests, { earlier: earlierItems });
    expect(withEarlier.stories.map((s) => [s.lead.articleId, s.update ?? false])).toEqual(sync.stories.map((s) => [s.lead.articleId, s.update ?? false]));
    expect(withEarlier.warnings).toEqual(sync.warnings);
    expect(sync.warnings.join(' ')).toMatch(/stories left out: sent in an earlier edition/);
  });
});
