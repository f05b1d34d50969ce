/** The archive of a briefing (every edition, by month, newest first) and the home page (every briefing). */
import type { EditionSummary } from '../../core/ports.js';
import { briefingNav, type WebBriefing } from './edition-page.js';
import { arabicText, html } from './html.js';
import { renderLayout, SITE_NAME, type SiteContext } from './page-layout.js';
import { webPaths } from './paths.js';

const monthName = new Intl.DateTimeFormat('ar-u-nu-latn', { month: 'long', year: 'numeric', timeZone: 'UTC' });
const dayName = new Intl.DateTimeFormat('ar-u-nu-latn', { weekday: 'long', day: 'numeric', month: 'long', timeZone: 'UTC' });
const utc = (date: string): Date => {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y!, m! - 1, d ?? 1));
};

/** Renders the archive page: months, then days, then each day's slots. */
export function renderArchivePage(site: SiteContext, briefing: WebBriefing, editions: readonly EditionSummary[]): string {
  const months = new Map<string, Map<string, EditionSummary[]>>();
  for (const e of editions) {
    const month = e.date.slice(0, 7);
    const days = months.get(month) ?? new Map<string, EditionSummary[]>();
    days.set(e.date, [...(days.get(e.date) ?? []), e]);
    months.set(month, days);
  }
  return renderLayout(site, {
    title: `أرشيف ${briefing.title}`,
    description: `كل أعداد ${briefing.title}، شهرا بشهر.`,
    path: webPaths.archive(briefing.id),
    feed: { path: webPaths.feed(briefing.id), title: briefing.title },
    nav: briefingNav(briefing, 'archive'),
    body: html`<h1>أرشيف ${arabicText(briefing.title)}</h1>
${editions.length === 0 ? html`<p class="empty">لم يصدر أي عدد بعد.</p>` : ''}
${[...months].map(
  ([month, days]) => html`<section aria-labelledby="m-${month}">
<h2 id="m-${month}">${monthName.format(utc(`${month}-01`))}</h2>
<ul class="list">
${[...days].map(
  ([date, slots]) => html`<li><a href="${webPaths.day(briefing.id, date)}"><time datetime="${date}">${dayName.format(utc(date))}</time></a>${
    slots.length > 1
      ? html`: <ul class="slots">${slots.map((s) => html`<li><a href="${webPaths.edition(briefing.id, s.date, s.slot)}">${s.slot}</a></li>`)}</ul>`
      : html` <span class="meta">(${slots[0]!.slot})</span>`
  }</li>`,
)}
</ul>
</section>`,
)}`,
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
  (b) => html`<li><a href="${webPaths.latest(b.id)}">${arabicText(b.title)}</a> <span class="meta">· كل يوم الساعة ${b.deliveryTime} بتوقيت <bdi>${b.timeZone}</bdi> · <a href="${webPaths.archive(b.id)}">الأرشيف</a> · <a href="${webPaths.feed(b.id)}">تغذية <bdi>Atom</bdi></a></span></li>`,
)}
</ul>`,
  });
}
