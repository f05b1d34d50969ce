/** The frame of every web page: right-to-left HTML, the stylesheet, Open Graph tags, the site's header and footer. */
import { escapeHtml, html, type HtmlValue, type SafeHtml } from './html.js';
import { webPaths } from './paths.js';

/** The site's name, in the header, the title and Open Graph tags. */
export const SITE_NAME = 'موجز';

/** Where the pages live: links and absolute URLs. */
export interface SiteContext {
  /** The public base URL without a trailing slash, when configured (absolute links, og:url). */
  publicUrl?: string;
  /** The stylesheet's path (content-addressed). */
  stylesheetPath: string;
  /**
   * The public URL's own path, without a trailing slash ('/news' for https://example.com/news), when
   * a reverse proxy serves this instance's `/` under it: every link of a page starts with it.
   */
  basePath?: string;
}

/** A path of this instance as a reader's browser must ask for it: under the public URL's own path. */
export function sitePath(site: Pick<SiteContext, 'basePath'>, path: string): string {
  return `${site.basePath ?? ''}${path}`;
}

/** What one page shows. */
export interface LayoutOptions {
  /** The page's own title (the site's name is added). */
  title: string;
  /** A sentence for the description and og:description. */
  description?: string;
  /** The page's path, for og:url. */
  path: string;
  /** The page that holds the same content for good (the latest page points at its edition's page). */
  canonicalPath?: string;
  /** An Atom feed to announce. */
  feed?: { path: string; title: string };
  /** Links of the header's navigation. */
  nav?: { path: string; label: HtmlValue; current?: boolean }[];
  /** Keep search engines out (the dashboard). */
  noindex?: boolean;
  /** A wider column, for tables (the dashboard). */
  wide?: boolean;
  body: SafeHtml;
}

/** A site path, absolute when the public URL is known. */
export function absolute(site: SiteContext, path: string): string {
  return site.publicUrl ? `${site.publicUrl}${path}` : path;
}

/** Renders a whole page: `<html lang="ar" dir="rtl">`, head, header, main, footer. */
export function renderLayout(site: SiteContext, page: LayoutOptions): string {
  const title = page.title === SITE_NAME ? SITE_NAME : `${page.title} · ${SITE_NAME}`;
  const canonical = page.canonicalPath ?? page.path;
  const doc = html`<!doctype html>
<html lang="ar" dir="rtl">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<title>${title}</title>
${page.description ? html`<meta name="description" content="${page.description}">` : ''}
${page.noindex ? html`<meta name="robots" content="noindex, nofollow">` : ''}
<link rel="stylesheet" href="${site.stylesheetPath}">
${site.publicUrl && !page.noindex ? html`<link rel="canonical" href="${absolute(site, canonical)}">` : ''}
${page.feed ? html`<link rel="alternate" type="application/atom+xml" title="${page.feed.title}" href="${page.feed.path}">` : ''}
<meta property="og:site_name" content="${SITE_NAME}">
<meta property="og:locale" content="ar_AR">
<meta property="og:type" content="${page.canonicalPath || /\/\d{4}-\d\d-\d\d\/\d{4}$/.test(page.path) ? 'article' : 'website'}">
<meta property="og:title" content="${page.title}">
${page.description ? html`<meta property="og:description" content="${page.description}">` : ''}
${site.publicUrl ? html`<meta property="og:url" content="${absolute(site, canonical)}">` : ''}
<meta name="twitter:card" content="summary">
</head>
<body>
<a class="skip" href="#main">انتقل إلى المحتوى</a>
<div class="wrap${page.wide ? ' wide' : ''}">
<header class="site">
<a class="name" href="${webPaths.home()}">${SITE_NAME}</a>
${page.nav && page.nav.length > 0
  ? html`<nav aria-label="التنقل"><ul>${page.nav.map((n) => html`<li><a href="${n.path}"${n.current ? html` aria-current="page"` : ''}>${n.label}</a></li>`)}</ul></nav>`
  : ''}
</header>
<main id="main">
${page.body}
</main>
<footer>
<p>${SITE_NAME}: موجز عربي قصير لأهم الأخبار، تُلخّص فيه كل قصة من مصادرها مع روابطها.${page.feed ? html` <a class="feed" href="${page.feed.path}">تغذية <bdi>Atom</bdi></a>` : ''}</p>
</footer>
</div>
</body>
</html>
`;
  // Every link the templates write to this site is root-relative («/b/…», «/assets/…», «/admin…»):
  // under a public URL with a path of its own, they get that path. Text from outside cannot match
  // (its quotes are escaped), and absolute links (the sources, canonical) are left alone.
  const base = site.basePath ? escapeHtml(site.basePath) : '';
  return base ? doc.value.replace(/(\s(?:href|src|action)=")(?=\/(?!\/))/g, (attr) => `${attr}${base}`) : doc.value;
}

/** The page for an address that holds nothing (404); under a known briefing, with links to its latest edition and archive. */
export function renderNotFoundPage(site: SiteContext, path: string, briefing?: { id: string; title: string }): string {
  return renderLayout(site, {
    title: 'الصفحة غير موجودة',
    path,
    noindex: true,
    body: briefing
      ? html`<h1>الصفحة غير موجودة</h1>
<p>لا يوجد عدد من «${briefing.title}» بهذا العنوان، أو حُذف لقدمه.</p>
<ul class="list"><li><a href="${webPaths.latest(briefing.id)}">أحدث موجز</a></li><li><a href="${webPaths.archive(briefing.id)}">أرشيف الأعداد</a></li><li><a href="${webPaths.home()}">كل الموجزات</a></li></ul>`
      : html`<h1>الصفحة غير موجودة</h1>
<p>لا يوجد موجز أو عدد بهذا العنوان. <a href="${webPaths.home()}">العودة إلى قائمة الموجزات</a>.</p>`,
  });
}
