/**
 * Main text of an article page with @mozilla/readability over linkedom, kept as sections
 * (paragraphs under their headings); a clean title (site name, bidi controls and &nbsp; removed)
 * and the publication date from the page's metadata. A page nested too deep or with too many
 * elements is refused before parsing (markup-limits.ts); the app runs this off the event loop
 * with a time limit (page-extract-pool.ts).
 */
import { parsePublished } from '../core/published-time.js';
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import type { Section } from '../core/types.js';
import { cleanText, htmlToText } from './html-text.js';
import { checkMarkupLimits, type MarkupLimits } from './markup-limits.js';

/**
 * Limits on a page before it is parsed. Real article pages nest 15 to 40 deep and hold a few
 * thousand elements (the 16 saved pages of the eval: at most 25 deep, 947 elements); Readability
 * takes about a second at 300 deep or 5,000 elements on this 2-core machine, and grows faster
 * than linearly past that.
 */
export const DEFAULT_PAGE_LIMITS: Readonly<MarkupLimits> = { maxDepth: 256, maxNodes: 20_000 };

/** Options for {@link extractPage}. */
export interface ExtractPageOptions {
  /** Limits checked before parsing (default {@link DEFAULT_PAGE_LIMITS}). */
  limits: MarkupLimits;
  /** Name of the source for errors (default: the URL, or "page"). */
  sourceName?: string;
}

/** What `npm run extract` prints. */
export interface ExtractedPage {
  title: string;
  /** ISO 8601, when the page says. */
  published?: string;
  siteName?: string;
  sections: Section[];
}

// A site name is set off by a spaced dash, bar or guillemet; a spaced colon is the headline's own
// («وزير : …», «سوسة : …», as Maghreb sites write it), never a site's.
const SEPARATORS = /\s+[|\-–—»«]{1,2}\s+/;

/**
 * A headline without its site name. The site's name (og:site_name), when it is the first or the
 * last part, goes alone, and the headline's own dashes stay: "الأهلي - الزمالك: … - اليوم السابع"
 * → "الأهلي - الزمالك: …". Without it, the longest part around " - ", " | ", " – " separators,
 * unless that would leave less than 40 % of it: "عنوان الخبر - اليوم السابع" → "عنوان الخبر".
 */
export function cleanTitle(raw: string, siteName?: string): string {
  const title = cleanText(raw.replace(/\n/g, ' '));
  const parts = title.split(SEPARATORS).map((p) => p.trim()).filter((p) => p.length > 0);
  if (parts.length < 2) return title;
  const site = siteName ? cleanText(siteName).toLowerCase() : undefined;
  if (site) {
    const first = new RegExp(`^\\s*(.*?)${SEPARATORS.source}`).exec(title);
    const last = new RegExp(`${SEPARATORS.source}(?!.*${SEPARATORS.source})(.*?)\\s*$`).exec(title);
    if (last && last[1]!.trim().toLowerCase() === site) return title.slice(0, last.index).trim();
    if (first && first[1]!.trim().toLowerCase() === site) return title.slice(first[0].length).trim();
  }
  const kept = parts.filter((p) => p.toLowerCase() !== site);
  const longest = [...kept].sort((a, b) => b.length - a.length)[0] ?? title;
  return longest.length >= title.length * 0.4 ? longest : title;
}

function isoDate(value: string | null | undefined): string | undefined {
  if (!value) return undefined;
  const t = parsePublished(value);
  return Number.isFinite(t) ? new Date(t).toISOString() : undefined;
}

function metaDate(document: Document): string | undefined {
  const selectors = [
    'meta[property="article:published_time"]',
    'meta[name="article:published_time"]',
    'meta[itemprop="datePublished"]',
    'meta[name="pubdate"]',
    'meta[name="publishdate"]',
    'meta[name="date"]',
    'meta[property="og:published_time"]',
    'meta[name="DC.date.issued"]',
  ];
  for (const sel of selectors) {
    const d = isoDate(document.querySelector(sel)?.getAttribute('content'));
    if (d) return d;
  }
  for (const script of [...document.querySelectorAll('script[type="application/ld+json"]')]) {
    const m = /"datePublished"\s*:\s*"([^"]+)"/.exec(script.textContent ?? '');
    const d = isoDate(m?.[1]);
    if (d) return d;
  }
  return isoDate(document.querySelector('time[datetime]')?.getAttribute('datetime'));
}

const ARTICLE_TYPES = /^(?:NewsArticle|Article|ReportageNewsArticle|AnalysisNewsArticle|OpinionNewsArticle|BackgroundNewsArticle|ReviewNewsArticle|LiveBlogPosting|BlogPosting|Report)$/;

/** A URL as the page's identity: host and path, without scheme, query, fragment or a trailing slash. */
function pageKey(url: unknown, base?: string): string | undefined {
  if (typeof url !== 'string' || !url.trim()) return undefined;
  try {
    const u = new URL(url.trim(), base);
    return `${u.host}${u.pathname.replace(/\/+$/, '')}`;
  } catch {
    return undefined;
  }
}

/**
 * The `articleBody` of the page's JSON-LD article (top level, in an array or an `@graph`), as
 * paragraphs: pages built by script carry their text there only. Readability reads JSON-LD for
 * the title and date, not for the text. A page often lists related or next stories as articles
 * too: the one whose `url`, `@id` or `mainEntityOfPage` is the page (its URL or its canonical
 * URL) is read; without one, an articleBody is read only when a single article carries one.
 */
function jsonLdBody(document: Document, url?: string): string[] {
  const canonical = document.querySelector('link[rel="canonical"]')?.getAttribute('href') ?? undefined;
  const keys = new Set([pageKey(url), pageKey(canonical, url && URL.canParse(url) ? url : undefined)].filter((k): k is string => k !== undefined));
  const articles: Record<string, unknown>[] = [];
  for (const script of [...document.querySelectorAll('script[type="application/ld+json"]')]) {
    let data: unknown;
    try {
      data = JSON.parse(script.textContent ?? '');
    } catch {
      continue;
    }
    const queue: unknown[] = [data];
    while (queue.length > 0) {
      const node = queue.shift();
      if (Array.isArray(node)) queue.push(...node);
      else if (node && typeof node === 'object') {
        const o = node as Record<string, unknown>;
        const types = ([] as unknown[]).concat(o['@type'] ?? []);
        if (types.some((t) => typeof t === 'string' && ARTICLE_TYPES.test(t))) articles.push(o);
        if (o['@graph']) queue.push(o['@graph']);
      }
    }
  }
  const isPage = (o: Record<string, unknown>): boolean => {
    const main = o.mainEntityOfPage;
    const ids = [o.url, o['@id'], main && typeof main === 'object' ? (main as Record<string, unknown>)['@id'] : main];
    return ids.some((id) => {
      const k = pageKey(id, url && URL.canParse(url) ? url : undefined);
      return k !== undefined && keys.has(k);
    });
  };
  const paragraphs = (o: Record<string, unknown>): string[] => {
    const text = typeof o.articleBody === 'string' ? htmlToText(o.articleBody) : '';
    return text ? text.split('\n') : [];
  };
  const own = articles.filter(isPage);
  // The page's own article, when one says it is: its body or none (never another story's).
  if (own.length > 0) return own.map(paragraphs).find((p) => p.length > 0) ?? [];
  const withBody = articles.map(paragraphs).filter((p) => p.length > 0);
  return withBody.length === 1 ? withBody[0]! : [];
}

function words(paragraphs: readonly string[]): number {
  return paragraphs.reduce((n, p) => n + p.split(/\s+/).filter(Boolean).length, 0);
}

// Widget text that Readability keeps on some Arabic sites: comment rules, copyright, share and
// follow prompts, "read also" boxes. A paragraph with one of these phrases and little else goes.
const BOILERPLATE = /(الآراء الواردة|إرشادات الاستخدام|جميع الحقوق محفوظة|تابعونا على|شارك(?:وا)? (?:الخبر|المقال)|اقرأ أيضا|اقرأ أيضاً|اشترك في النشرة|لا تعبر عن رأي)/;
const MONTHS = /(يناير|فبراير|مارس|أبريل|ابريل|مايو|يونيو|يوليو|أغسطس|اغسطس|سبتمبر|أكتوبر|اكتوبر|نوفمبر|ديسمبر|كانون|شباط|آذار|نيسان|أيار|حزيران|تموز|آب|أيلول|تشرين|GMT|تحديث)/g;

// Short lines of page furniture that Readability keeps beside the text: share and follow prompts, the
// title of a box of other stories, an agency's photo credit, a label alone, a date alone.
const FURNITURE = /^(?:انسخ الرابط|نسخ الرابط|رابط مختصر|مواضيع ساخنة(?: أخرى| اخرى)?|مواضيع ذات صلة|مواضيع متعلقة|أخبار ذات صلة|اخبار ذات صلة|الأكثر قراءة|الاكثر قراءة|شارك|مشاركة|طباعة|أرسل لصديق)$/;
const FOLLOW_PROMPT = /عبر (?:غوغل|جوجل|Google) ?(?:نيوز|News)|تابعوا (?:أخبار|آخر|اخر|كل)|تابعونا/;
const PHOTO_CREDIT = /^(?:©\s*)?(?:REUTERS|AFP|AP|EPA|DPA|GETTY(?: IMAGES)?|ANADOLU|XINHUA|SPUTNIK|SHUTTERSTOCK)(?:\s*[/|]\s*[A-Za-z0-9 .'’-]+)*$/i;
const DATE_WORD = /^(?:\d{1,4}|يناير|فبراير|مارس|أبريل|ابريل|مايو|يونيو|يوليو|أغسطس|اغسطس|سبتمبر|أكتوبر|اكتوبر|نوفمبر|ديسمبر|كانون|شباط|آذار|نيسان|أيار|حزيران|تموز|آب|أيلول|تشرين|الأول|الثاني|الأحد|الاثنين|الإثنين|الثلاثاء|الأربعاء|الاربعاء|الخميس|الجمعة|السبت|January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)$/i;

/** A line that is only a date: "November 9, 2020", "الاثنين 9 نوفمبر 2020", "09/11/2020". */
function isDateAlone(paragraph: string): boolean {
  const words = paragraph.split(/[\s,،.\/:-]+/).filter(Boolean);
  return words.length > 0 && words.length <= 8 && words.some((w) => /^\d+$/.test(w)) && words.every((w) => DATE_WORD.test(w));
}

/** Whether a paragraph is page furniture rather than article text (widgets, a bare date line). */
export function isBoilerplate(paragraph: string): boolean {
  const words = paragraph.split(/\s+/).length;
  if (BOILERPLATE.test(paragraph) && words < 80) return true;
  // A comments box's title or a copyright line; an article's sentence about comments or copyright stays.
  if (/التعليقات|حقوق النشر/.test(paragraph) && words <= 6) return true;
  // "©" or "|" alone: no word at all.
  if (!/[\p{L}\p{N}]/u.test(paragraph)) return true;
  if (FURNITURE.test(paragraph.trim()) || PHOTO_CREDIT.test(paragraph.trim()) || isDateAlone(paragraph)) return true;
  if (FOLLOW_PROMPT.test(paragraph) && words <= 15) return true;
  // "الموضوع:", "الوسوم:": a page's label whose value is a link elsewhere (an article's own "ومضة:" stays).
  if (/^(?:الموضوع|المواضيع|الوسوم|وسوم|كلمات مفتاحية|كلمات دلالية|تاريخ النشر|آخر تحديث|اقرأ المزيد)\s*:\s*$/.test(paragraph.trim())) return true;
  // "الخميس، 12 أيلول/سبتمبر 2019، آخر تحديث 14:05 (GMT+0400)": a date line, not a sentence.
  // A month (or GMT, «تحديث») among them: a line of scores or figures («25/ 19، 23/ 25») is a sentence.
  const months = paragraph.match(MONTHS)?.length ?? 0;
  const dateish = months + (paragraph.match(/\d+/g)?.length ?? 0);
  return words <= 12 && dateish >= 5 && months >= 1;
}

function sectionsOf(root: Element): Section[] {
  const sections: Section[] = [{ paragraphs: [] }];
  const visit = (el: Element): void => {
    for (const child of [...el.children]) {
      const tag = child.tagName;
      if (/^H[1-6]$/.test(tag)) {
        const heading = cleanText(child.textContent ?? '');
        if (heading) sections.push({ heading, paragraphs: [] });
      } else if (tag === 'P' || tag === 'LI' || tag === 'BLOCKQUOTE' || tag === 'PRE') {
        const text = cleanText(child.textContent ?? '');
        if (text) sections.at(-1)!.paragraphs.push(...text.split('\n'));
      } else if (child.children.length > 0) {
        visit(child);
      } else {
        const text = cleanText(child.textContent ?? '');
        if (text.length > 40) sections.at(-1)!.paragraphs.push(text);
      }
    }
  };
  visit(root);
  for (const s of sections) s.paragraphs = s.paragraphs.filter((p) => !isBoilerplate(p));
  return sections.filter((s, i) => s.paragraphs.length > 0 || (i > 0 && s.heading));
}

/**
 * Extracts the article of an HTML page. Returns empty sections when the page has no readable
 * text; throws a SourceError (`too_deep`, `too_many_elements`) for a page past the limits.
 */
export function extractPage(html: string, url?: string, options: Partial<ExtractPageOptions> = {}): ExtractedPage {
  const limits = options.limits ?? DEFAULT_PAGE_LIMITS;
  checkMarkupLimits(html, limits, { source: options.sourceName ?? url ?? 'page', what: `The page ${url ?? ''}`.trimEnd() });
  const { document } = parseHTML(html);
  const siteName = document.querySelector('meta[property="og:site_name"]')?.getAttribute('content') ?? undefined;
  const ogTitle = document.querySelector('meta[property="og:title"]')?.getAttribute('content');
  const published = metaDate(document);
  let parsed: ReturnType<Readability<string>['parse']> = null;
  try {
    // Readability changes the document it reads: give it its own copy.
    const copy = parseHTML(html).document;
    if (url && URL.canParse(url)) {
      const base = copy.createElement('base');
      base.setAttribute('href', url);
      copy.head?.appendChild(base);
    }
    parsed = new Readability(copy as unknown as Document, { charThreshold: 200 }).parse();
  } catch {
    parsed = null;
  }
  let sections: Section[] = [];
  if (parsed?.content) {
    const { document: content } = parseHTML(`<!doctype html><html><body>${parsed.content}</body></html>`);
    sections = sectionsOf(content.body);
  }
  // The page shows no article, or a fraction of the one its JSON-LD carries: that one is read.
  const ldBody = jsonLdBody(document, url).filter((p) => !isBoilerplate(p));
  if (ldBody.length > 0 && words(ldBody) > 2 * words(sections.flatMap((s) => s.paragraphs))) sections = [{ paragraphs: ldBody }];
  const rawTitle = ogTitle || parsed?.title || document.querySelector('title')?.textContent || '';
  const title = cleanTitle(rawTitle, siteName ?? parsed?.siteName ?? undefined);
  // The article's own <h1> kept by Readability repeats the headline as a first section heading.
  const first = sections[0];
  if (first?.heading !== undefined && title && cleanTitle(first.heading) === title) {
    sections = first.paragraphs.length > 0 ? [{ paragraphs: first.paragraphs }, ...sections.slice(1)] : sections.slice(1);
  }
  return {
    title,
    ...(published ?? isoDate(parsed?.publishedTime) ? { published: published ?? isoDate(parsed?.publishedTime) } : {}),
    ...(siteName ? { siteName } : {}),
    sections,
  };
}
