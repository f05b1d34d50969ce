import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { renderDashboardPage } from '../../../src/channels/web/index.js';
import type { OperationsReport } from '../../../src/service/index.js';

const site = { stylesheetPath: '/assets/style.0000000000000000.css' };
const report: OperationsReport = { generatedAt: Date.parse('2026-11-29T07:00:00Z'), briefings: [], otherFeeds: [] };

describe('renderDashboardPage', () => {
  it('shows no guard section while the LLM guard records nothing (the mode does not exist yet)', () => {
    const { document } = parseHTML(renderDashboardPage(site, report));
    expect(document.querySelector('#guard')).toBeNull();
  });

  it('shows the guard\'s rejections, escaped, once the report carries them', () => {
    const { document } = parseHTML(
      renderDashboardPage(site, { ...report, guard: { rejections: [{ at: report.generatedAt, briefingId: 'morning', reason: 'ملخص يضيف <b>ادعاء</b> ليس في المصدر' }] } }),
    );
    expect(document.querySelector('#guard')?.textContent).toBe('ما رفضه الحارس');
    const item = document.querySelector('section[aria-labelledby=guard] li')!;
    expect(item.querySelector('b')).toBeNull();
    expect(item.textContent).toContain('<b>ادعاء</b>');
  });
});

describe('renderDashboardPage: the zone of its times', () => {
  it('names the zone of the first briefing by its Arabic place, as the chat answers do, not by its id', () => {
    const { document } = parseHTML(
      renderDashboardPage(site, { ...report, briefings: [{ id: 'cairo', title: 'موجز القاهرة', timeZone: 'Africa/Cairo', editions: [], deliveriesPerDay: [], subscriptions: [], feeds: [] }] }),
    );
    const meta = document.querySelector('main p.meta')!.textContent;
    expect(meta).toContain('بتوقيت القاهرة');
    expect(meta).not.toContain('Africa/Cairo');
  });
});

describe('renderDashboardPage: several briefings in several zones', () => {
  it('gives each briefing its own zone, and a guard rejection the time of its own briefing’s zone, named', () => {
    const b = (id: string, title: string, timeZone: string) => ({ id, title, timeZone, editions: [], deliveriesPerDay: [], subscriptions: [], feeds: [] });
    const { document } = parseHTML(
      renderDashboardPage(site, {
        ...report,
        briefings: [b('cairo', 'موجز القاهرة', 'Africa/Cairo'), b('gulf', 'موجز الخليج', 'Asia/Dubai')],
        guard: { rejections: [{ at: Date.parse('2026-11-29T07:00:00Z'), briefingId: 'gulf', reason: 'رقم ليس في المصادر' }] },
      }),
    );
    const sections = [...document.querySelectorAll('section.briefing')];
    expect(sections[0]!.querySelector('p.meta')!.textContent).toContain('بتوقيت القاهرة');
    expect(sections[1]!.querySelector('p.meta')!.textContent).toContain('بتوقيت أبوظبي');
    const item = document.querySelector('section[aria-labelledby=guard] li')!.textContent;
    // 07:00 UTC is 11:00 in Dubai (09:00 in Cairo, the first briefing's zone).
    expect(item).toContain('11:00');
    expect(item).toContain('بتوقيت أبوظبي');
  });
});

describe('renderDashboardPage: feeds with credentials in their address', () => {
  it('shows where each feed is without its password or key: userinfo and secret-looking query values are masked', () => {
    const url = 'https://reader:s3cretPass@feeds.example.com/ar/rss.xml?api_key=AK-12345&lang=ar';
    const health = { url, consecutiveFailures: 2, lastError: `fetch ${url} failed: HTTP 401`, lastSuccessAt: report.generatedAt - 3_600_000, nextTryAt: report.generatedAt + 600_000, paused: false };
    const page = renderDashboardPage(site, {
      ...report,
      briefings: [{ id: 'morning', title: 'موجز الصباح', timeZone: 'Asia/Riyadh', editions: [], deliveriesPerDay: [], subscriptions: [], feeds: [{ name: 'وكالة المثال', url, health }] }],
      otherFeeds: [{ url: 'https://news.example.org/atom?token=TK-98765', consecutiveFailures: 1, nextTryAt: report.generatedAt, paused: false }],
    });
    for (const secret of ['s3cretPass', 'AK-12345', 'TK-98765', 'reader:']) expect(page).not.toContain(secret);
    expect(page).toContain('feeds.example.com/ar/rss.xml');
    expect(page).toContain('lang=ar');
    expect(page).toContain('news.example.org/atom');
  });
});

describe('renderDashboardPage: a paused feed', () => {
  it('shows when the paused feed is tried again (once a day), not a dash', () => {
    const url = 'https://feeds.example.com/ar/rss.xml';
    const nextTryAt = report.generatedAt + 86_400_000;
    const health = { url, consecutiveFailures: 12, lastError: 'HTTP 500', lastSuccessAt: report.generatedAt - 2 * 86_400_000, nextTryAt, paused: true };
    const { document } = parseHTML(
      renderDashboardPage(site, {
        ...report,
        briefings: [{ id: 'morning', title: 'موجز الصباح', timeZone: 'Asia/Riyadh', editions: [], deliveriesPerDay: [], subscriptions: [], feeds: [{ name: 'وكالة المثال', url, health }] }],
      }),
    );
    const row = [...document.querySelectorAll('tr')].find((tr) => tr.textContent.includes('وكالة المثال'))!;
    const times = [...row.querySelectorAll('time')].map((t) => t.getAttribute('datetime'));
    expect(times).toContain(new Date(nextTryAt).toISOString());
    expect(row.textContent).toContain('موقوفة');
  });
});

describe('renderDashboardPage: feeds no briefing reads any more', () => {
  it('counts their failures in Arabic that agrees with the number («إخفاق واحد», «إخفاقان», «3 إخفاقات», «11 إخفاقا»)', () => {
    const feed = (n: number) => ({ url: `https://old.example.org/${n}`, consecutiveFailures: n, nextTryAt: report.generatedAt, paused: false });
    const { document } = parseHTML(renderDashboardPage(site, { ...report, otherFeeds: [1, 2, 3, 11, 0].map(feed) }));
    const lines = [...document.querySelectorAll('section[aria-labelledby=other-feeds] li')].map((li) => li.textContent!.replace(/^\S+: /, ''));
    expect(lines).toEqual(['إخفاق واحد متتال', 'إخفاقان متتاليان', '3 إخفاقات متتالية', '11 إخفاقا متتاليا', 'لا إخفاق']);
  });
});
