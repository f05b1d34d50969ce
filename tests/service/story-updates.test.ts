/**
 * Yesterday's stories do not come back: through the service, a story sent in yesterday's edition
 * is left out of today's unless a new outlet or fact joined it, and then every channel marks it
 * «تحديث» (Telegram, Slack, console, web).
 */
import { describe, expect, it } from 'vitest';
import { renderConsole } from '../../src/channels/console/render.js';
import { renderSlack } from '../../src/channels/slack/render.js';
import { renderTelegram } from '../../src/channels/telegram/render.js';
import { renderEditionBody } from '../../src/channels/web/edition-page.js';
import { SILENT_LOGGER, type ArticleSource } from '../../src/core/ports.js';
import type { Article } from '../../src/core/types.js';
import { createBriefingService } from '../../src/service/index.js';
import { pollSource } from '../../src/sources/index.js';
import { createSqliteStore } from '../../src/store/index.js';
import { morning } from '../support/fixtures.js';
import { bookFair, otherOutletReport, repostedReport, yesterdaysReport } from '../support/follow-up-stories.js';

/** A feed as the service sees it: whatever it carries now (its arrival key makes it pollable). */
function feedOf(articles: { current: Article[] }): ArticleSource & { arrivalKey: string } {
  return { name: 'الوطن', arrivalKey: 'https://alwatan.example/rss', fetchArticles: async () => ({ articles: articles.current, errors: [] }) };
}

const def = morning({ sources: [{ kind: 'feed', url: 'https://alwatan.example/rss', name: 'الوطن', language: 'ar', topics: [] }] });

describe.each([
  { mode: 'feeds read when composing', polled: false },
  { mode: 'feeds polled all day', polled: true },
])('stories sent yesterday ($mode)', ({ polled }) => {
  it('are not sent again; with a new outlet they come back marked «تحديث» on every channel', async () => {
    const store = createSqliteStore({ path: ':memory:' });
    let t = Date.parse('2026-12-01T04:00:00Z');
    const clock = { now: () => new Date(t) };
    const carried = { current: [yesterdaysReport] };
    const source = feedOf(carried);
    const service = createBriefingService({ store, sourcesFor: () => [source], clock, log: SILENT_LOGGER, ...(polled ? { arrivals: { maxWindowMs: 36 * 3_600_000 } } : {}) });
    const poll = async () => (polled ? pollSource(source, store, clock.now) : undefined);

    await poll();
    t += 1;
    const first = await service.getOrComposeEdition(def, '2026-12-01', '07:00');
    expect(first.briefing.groups.flatMap((g) => g.items).map((i) => i.digest.articleId)).toEqual([yesterdaysReport.id]);

    // Overnight: the report is still in the feed, posted again under another address, told by another outlet; and a new story.
    t = Date.parse('2026-12-01T22:00:00Z');
    carried.current = [yesterdaysReport, repostedReport, bookFair];
    await poll();
    t = Date.parse('2026-12-02T04:00:00Z');
    const quiet = await service.getOrComposeEdition(def, '2026-12-02', '07:00');
    const quietItems = quiet.briefing.groups.flatMap((g) => g.items);
    expect(quietItems.map((i) => i.digest.articleId)).toEqual([bookFair.id]);
    expect(quietItems[0]!.update).toBeUndefined();

    // The next night another outlet tells the central bank's decision: an update.
    t = Date.parse('2026-12-02T22:00:00Z');
    carried.current = [yesterdaysReport, repostedReport, bookFair, otherOutletReport];
    await poll();
    t = Date.parse('2026-12-03T04:00:00Z');
    const next = await service.getOrComposeEdition(def, '2026-12-03', '07:00');
    const items = next.briefing.groups.flatMap((g) => g.items);
    const update = items.find((i) => i.update);
    expect(update?.sources.map((s) => s.name)).toContain('وكالة الأنباء');
    // The book fair went out yesterday: not again.
    expect(items.filter((i) => i.digest.articleId === bookFair.id)).toEqual([]);

    const headline = update!.digest.headline;
    expect(renderTelegram(next.briefing).join('\n')).toContain(`<b>تحديث: ${headline}</b>`);
    expect(JSON.stringify(renderSlack(next.briefing))).toContain(JSON.stringify(`*تحديث: ${headline}*`).slice(1, -1));
    expect(renderConsole(next.briefing)).toContain(`تحديث: ${headline}`);
    expect(renderEditionBody(next.briefing).toString()).toMatch(/<span class="update">تحديث:<\/span>/);
    // A story that is not an update carries no mark.
    expect(renderConsole(quiet.briefing)).not.toContain('تحديث');
    expect(renderTelegram(quiet.briefing).join('\n')).not.toContain('تحديث');
    await store.close();
  });
});
