/** The archive of a briefing (every edition, by month, newest first) and the home page (every briefing). */
import { countedNoun, type NounForms } from '../../arabic/index.js';
import type { EditionSummary } from '../../core/ports.js';
import { briefingNav, inZone, type WebBriefing } from './edition-page.js';
import { arabicText, html, type SafeHtml } from './html.js';
import { renderLayout, SITE_NAME, type SiteContext } from './page-layout.js';
import { webPaths } from './paths.js';

const monthName = new Intl.DateTimeFormat('ar-u-nu-latn', { month: 'long', year: 'numeric', timeZone: 'UTC' });
const dayName = new Intl.DateTimeFormat('ar-u-nu-latn', { weekday: 'long', day: 'numeric', month: 'long', timeZone: 'UTC' });
const utc = (date: string): Date => {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y!, m! - 1, d ?? 1));
};

/** A month of a briefing's archive: YYYY-MM. */
export const MONTH_RE = /^\d{4}-(0[1-9]|1[0-2])$/;

const EDITIONS: Readonly<NounForms> = { one: 'عدد واحد', two: 'عددان', plural: 'أعداد', accusative: 'عددا', genitive: 'عدد' };

/** "عدد واحد", "عددان", "3 أعداد", "11 عددا", "103 أعداد": Arabic counts agree with their number. */
export function editionCount(n: number): string {
  return countedNoun(n, EDITIONS);
}

/** Editions (newest first) grouped by month, newest month first. */
export function editionMonths(editions: readonly EditionSummary[]): { month: string; editions: EditionSummary[] }[] {
  const months: { month: string; editions: EditionSummary[] }[] = [];
  for (const e of editions) {
    const month = e.date.slice(0, 7);
    const last = months[months.length - 1];
    if (last?.month === month) last.editions.push(e);
    else months.push({ month, editions: [e] });
  }
  return months;
}

function monthSection(briefing: WebBriefing, month: string, editions: readonly EditionSummary[], heading: 'h2' | 'none'): SafeHtml {
  const days = new Map<string, EditionSummary[]>();
  for (const e of editions) days.set(e.date, [...(days.get(e.date) ?? []), e]);
  const list = html`<ul class="list">
${[...days].map(
  ([date, slots]) => html`<li><a href="${webPaths.day(briefing.id, date)}"><time datetime="${date}">${dayName.format(utc(date))}</time></a>${
    slots.length > 1
      ? html`: <ul class="slots">${slots.map((s) => html`<li><a href="${webPaths.edition(briefing.id, s.date, s.slot)}">${s.slot}</a></li>`)}</ul>`
      : html` <span class="meta">(${slots[0]!.slot})</span>`
  }</li>`,
)}
</ul>`;
  if (heading === 'none') return list;
  return html`<section aria-labelledby="m-${month}">
<h2 id="m-${month}"><a href="${webPaths.archiveMonth(briefing.id, month)}">${monthName.format(utc(`${month}-01`))}</a></h2>
${list}
</section>`;
}

/**
 * Renders the archive page: the newest months whole (months, then days, then each day's slots)
 * while they hold at most `pageEditions` editions (the newest month always), then a link to each
 * older month's page, so that a long archive stays one small page and every edition is reachable.
 */
export function renderArchivePage(site: SiteContext, briefing: WebBriefing, editions: readonly EditionSummary[], pageEditions = Number.POSITIVE_INFINITY): string {
  const months = editionMonths(editions);
  let shown = 0;
  let used = 0;
  while (shown < months.length && (shown === 0 || used + months[shown]!.editions.length <= pageEditions)) used += months[shown++]!.editions.length;
  const older = months.slice(shown);
  return renderLayout(site, {
    title: `أرشيف ${briefing.title}`,
    description: `كل أعداد ${briefing.title}، شهرا بشهر.`,
    path: webPaths.archive(briefing.id),
    feed: { path: webPaths.feed(briefing.id), title: briefing.title },
    nav: briefingNav(briefing, 'archive'),
    body: html`<h1>أرشيف ${arabicText(briefing.title)}</h1>
${editions.length === 0 ? html`<p class="empty">لم يصدر أي عدد بعد.</p>` : ''}
${months.slice(0, shown).map((m) => monthSection(briefing, m.month, m.editions, 'h2'))}
${older.length > 0
  ? html`<section aria-labelledby="older-months">
<h2 id="older-months">الأشهر الأقدم</h2>
<ul class="months">${older.map((m) => html`<li><a href="${webPaths.archiveMonth(briefing.id, m.month)}">${monthName.format(utc(`${m.month}-01`))}</a> <span class="meta">(${editionCount(m.editions.length)})</span></li>`)}</ul>
</section>`
  : ''}`,
  });
}

/** Renders one month of the archive, with links to the months before and after it that have editions. */
export function renderArchiveMonthPage(site: SiteContext, briefing: WebBriefing, month: string, editions: readonly EditionSummary[], around: { newer?: string; older?: string }): string {
  const name = monthName.format(utc(`${month}-01`));
  const links = [
    around.older ? html`<li><a href="${webPaths.archiveMonth(briefing.id, around.older)}" rel="prev">الشهر السابق: ${monthName.format(utc(`${around.older}-01`))}</a></li>` : '',
    around.newer ? html`<li><a href="${webPaths.archiveMonth(briefing.id, around.newer)}" rel="next">الشهر التالي: ${monthName.format(utc(`${around.newer}-01`))}</a></li>` : '',
  ];
  return renderLayout(site, {
    title: `أرشيف ${briefing.title} — ${name}`,
    description: `أعداد ${briefing.title} في ${name}.`,
    path: webPaths.archiveMonth(briefing.id, month),
    feed: { path: webPaths.feed(briefing.id), title: briefing.title },
    nav: briefingNav(briefing),
    body: html`<h1>أرشيف ${arabicText(briefing.title)}: ${name}</h1>
<p class="meta">${editionCount(editions.length)} · <a href="${webPaths.archive(briefing.id)}">كل الأرشيف</a></p>
${monthSection(briefing, month, editions, 'none')}
${around.older || around.newer ? html`<ul class="months">${links}</ul>` : ''}`,
  });
}

/** Renders the home page: every briefing with its latest edition, archive and feed. */
export function renderHomePage(site: SiteContext, briefings: readonly WebBriefing[]): string {
  return renderLayout(site, {
    title: SITE_NAME,
    description: 'موجزات عربية قصيرة لأهم الأخبار، كل قصة بمصادرها.',
    path: webPaths.home(),
    body: html`<h1>الموجزات</h1>
<ul class="list">
${briefings.map(
  (b) => html`<li><a href="${webPaths.latest(b.id)}">${arabicText(b.title)}</a> <span class="meta">· كل يوم الساعة ${b.deliveryTime} ${inZone(b.timeZone)} · <a href="${webPaths.archive(b.id)}">الأرشيف</a> · <a href="${webPaths.feed(b.id)}">تغذية <bdi>Atom</bdi></a></span></li>`,
)}
</ul>`,
  });
}
