/**
 * Edition pages: every item of an edition with its bullets, key figures and source links, topics
 * as sections; a day's editions latest slot first; the latest edition of a briefing.
 */
import type { Edition } from '../../core/ports.js';
import { UPDATE_MARK, type Briefing, type BriefingItem } from '../../core/types.js';
import { countedNoun, type NounForms } from '../../arabic/index.js';
import { placeOfZone } from '../../service/index.js';
import { arabicText, html, SafeHtml, webUrl } from './html.js';
import { renderLayout, type SiteContext } from './page-layout.js';
import { webPaths } from './paths.js';

/** A briefing as the web lists it. */
export interface WebBriefing {
  id: string;
  title: string;
  timeZone: string;
  deliveryTime: string;
}

const longDate = new Intl.DateTimeFormat('ar-u-nu-latn', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

/** "2026-11-29" → "الأحد، 29 نوفمبر 2026" (Western digits, as in the messages). */
export function arabicDate(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  return longDate.format(new Date(Date.UTC(y!, m! - 1, d!)));
}

/**
 * «بتوقيت …» for a reader: the zone's Arabic place, the one the chat answers name and the bot reads
 * back as the same zone («بتوقيت القاهرة»; see placeOfZone); for a zone with none, the runtime's
 * Arabic CLDR name when it is a name («بتوقيت الهند», not «غرينتش+3»), else the IANA id, isolated.
 *
 * @example
 * inZone('Africa/Cairo').value // → 'بتوقيت القاهرة'
 */
export function inZone(timeZone: string): SafeHtml {
  const place = placeOfZone(timeZone);
  if (place) return html`بتوقيت ${place}`;
  try {
    const name = new Intl.DateTimeFormat('ar', { timeZone, timeZoneName: 'shortGeneric' }).formatToParts(new Date()).find((p) => p.type === 'timeZoneName')?.value;
    // An offset («غرينتش+5:30») or a Latin name is no place a reader names.
    if (name && /[\u0600-\u06FF]/.test(name) && !/[0-9\u0660-\u0669+]/.test(name)) return html`بتوقيت ${name.replace(/^توقيت\s+/, '')}`;
  } catch {
    // An id this runtime does not know: shown as it is.
  }
  return html`بتوقيت <bdi>${timeZone}</bdi>`;
}

/** A heading at `level` (a day page nests editions one level deeper than an edition page). */
function h(level: number, body: SafeHtml, id?: string): SafeHtml {
  const tag = `h${Math.min(Math.max(level, 1), 6)}`;
  return html`${new SafeHtml(`<${tag}`)}${id ? html` id="${id}"` : ''}>${body}${new SafeHtml(`</${tag}>`)}`;
}

function renderSources(item: BriefingItem): SafeHtml {
  const links = item.sources.map((s) => {
    const url = webUrl(s.url);
    // Sources without a web address (local files) show their name only: a server path is nobody's business.
    return url ? html`<a href="${url}" rel="noopener noreferrer nofollow">${arabicText(s.name)}</a>` : arabicText(s.name);
  });
  return html`<p class="sources"><span class="label">المصدر:</span> ${links.map((l, i) => (i === 0 ? l : html`، ${l}`))}</p>`;
}

function renderItem(item: BriefingItem, level: number): SafeHtml {
  const d = item.digest;
  return html`<article class="item">
${h(level, item.update ? html`<span class="update">${UPDATE_MARK}:</span> ${arabicText(d.headline)}` : arabicText(d.headline))}
${item.aiLabel ? html`<p class="meta">${arabicText(item.aiLabel)}</p>` : ''}
${d.bullets.length > 0 ? html`<ul class="bullets">${d.bullets.map((b) => html`<li>${arabicText(b.text)}</li>`)}</ul>` : ''}
${d.keyFigures.length > 0 ? html`<p class="figures"><span class="label">أرقام:</span> ${d.keyFigures.map((f, i) => (i === 0 ? arabicText(f) : html` · ${arabicText(f)}`))}</p>` : ''}
${renderSources(item)}
</article>`;
}

/**
 * The content of one edition: a section per topic (heading at `level`), an article per item.
 * Also the content of its Atom entry.
 */
export function renderEditionBody(briefing: Briefing, level = 2, idPrefix = 't', editionHeadingId?: string): SafeHtml {
  if (briefing.groups.every((g) => g.items.length === 0)) return html`<p class="empty">لا توجد أخبار في هذا الموجز.</p>`;
  return html`${briefing.groups
    .filter((g) => g.items.length > 0)
    .map(
      // On a day's page each topic's region is named with its edition too: two editions' «اقتصاد» are two regions.
      (g, i) => html`<section class="topic" aria-labelledby="${editionHeadingId ? `${editionHeadingId} ` : ''}${idPrefix}-${i + 1}">
${h(level, arabicText(g.topic), `${idPrefix}-${i + 1}`)}
${g.items.map((item) => renderItem(item, level + 1))}
</section>`,
    )}`;
}

/** A sentence that previews an edition: its first headlines (description, og:description). */
export function editionDescription(briefing: Briefing, maxChars = 200): string {
  const headlines = briefing.groups.flatMap((g) => g.items.map((i) => i.digest.headline.replace(/\s+/g, ' ').trim()));
  if (headlines.length === 0) return `${briefing.title}: لا توجد أخبار في هذا الموجز.`;
  let text = headlines[0]!;
  for (const next of headlines.slice(1)) {
    if (`${text}؛ ${next}`.length > maxChars) break;
    text = `${text}؛ ${next}`;
  }
  return text.length > maxChars ? `${text.slice(0, maxChars - 1)}…` : text;
}

/** The header's links on a briefing's pages. */
export function briefingNav(briefing: WebBriefing, current?: 'latest' | 'archive', date?: string): { path: string; label: SafeHtml; current?: boolean }[] {
  return [
    { path: webPaths.latest(briefing.id), label: html`أحدث موجز`, current: current === 'latest' },
    ...(date ? [{ path: webPaths.day(briefing.id, date), label: html`موجز ذلك اليوم` }] : []),
    { path: webPaths.archive(briefing.id), label: html`الأرشيف`, current: current === 'archive' },
    { path: webPaths.feed(briefing.id), label: html`تغذية <bdi>Atom</bdi>` },
  ];
}

function editionHeading(edition: Edition): SafeHtml {
  return html`<time datetime="${edition.date}T${edition.slot}">${arabicDate(edition.date)}، الساعة ${edition.slot}</time>`;
}

/** The page of one edition (`latest` for /b/<id>/, which points at the edition's own page as canonical). */
export function renderEditionPage(site: SiteContext, briefing: WebBriefing, edition: Edition, options: { latest?: boolean } = {}): string {
  const own = webPaths.edition(briefing.id, edition.date, edition.slot);
  return renderLayout(site, {
    title: `${edition.briefing.title} — ${edition.date}`,
    description: editionDescription(edition.briefing),
    path: options.latest ? webPaths.latest(briefing.id) : own,
    canonicalPath: own,
    feed: { path: webPaths.feed(briefing.id), title: briefing.title },
    nav: briefingNav(briefing, options.latest ? 'latest' : undefined, edition.date),
    body: html`<article class="edition">
<h1>${arabicText(edition.briefing.title)}</h1>
<p class="meta">${editionHeading(edition)}${options.latest ? html` · <a href="${own}">رابط هذا العدد</a>` : ''}</p>
${renderEditionBody(edition.briefing)}
</article>`,
  });
}

const BULLETINS: Readonly<NounForms> = { one: 'نشرة واحدة', two: 'نشرتان', plural: 'نشرات', accusative: 'نشرة', genitive: 'نشرة' };

/** "نشرتان", "3 نشرات", "11 نشرة", "103 نشرات": Arabic counts agree with their number (by its last two digits past 100). */
export function bulletinCount(n: number): string {
  return countedNoun(n, BULLETINS);
}

/** The page of one day: every edition of the date, latest slot first. */
export function renderDayPage(site: SiteContext, briefing: WebBriefing, date: string, editions: Edition[]): string {
  const latest = editions[0]!;
  return renderLayout(site, {
    title: `${briefing.title} — ${date}`,
    description: editionDescription(latest.briefing),
    path: webPaths.day(briefing.id, date),
    feed: { path: webPaths.feed(briefing.id), title: briefing.title },
    nav: briefingNav(briefing),
    body: html`<h1>${arabicText(briefing.title)}</h1>
<p class="meta"><time datetime="${date}">${arabicDate(date)}</time>${editions.length > 1 ? html` · ${bulletinCount(editions.length)}` : ''}</p>
${editions.map(
  (e, i) => html`<article class="edition" aria-labelledby="e-${i + 1}">
<h2 id="e-${i + 1}"><a href="${webPaths.edition(briefing.id, e.date, e.slot)}">نشرة الساعة ${e.slot}</a></h2>
${renderEditionBody(e.briefing, 3, `e${i + 1}-t`, `e-${i + 1}`)}
</article>`,
)}`,
  });
}

/** The latest page of a briefing that has no edition yet. */
export function renderNoEditionPage(site: SiteContext, briefing: WebBriefing): string {
  return renderLayout(site, {
    title: briefing.title,
    description: `${briefing.title}: موجز عربي قصير كل يوم في الساعة ${briefing.deliveryTime}.`,
    path: webPaths.latest(briefing.id),
    feed: { path: webPaths.feed(briefing.id), title: briefing.title },
    nav: briefingNav(briefing, 'latest'),
    body: html`<h1>${arabicText(briefing.title)}</h1>
<p class="empty">لم يصدر أي عدد من هذا الموجز بعد. يصدر كل يوم في الساعة ${briefing.deliveryTime} ${inZone(briefing.timeZone)}.</p>`,
  });
}
