/**
 * Small feeds written for these tests (Arabic text of our own), served on 127.0.0.1 with the
 * headers real servers send, including the wrong ones.
 */
import { createServer, type Server } from 'node:http';
import iconv from 'iconv-lite';

/** An RSS 2.0 document with the given items (title, date) in Arabic. */
export function arabicRss(items: { title: string; date?: string }[], encoding = 'utf-8'): string {
  const body = items
    .map(
      (it, i) =>
        `<item><title>${it.title}</title><link>https://news.example/ar/${i + 1}</link><description>أعلنت الجهات المختصة اليوم تفاصيل جديدة بشأن ${it.title}، وقالت إن العمل مستمر.</description>${it.date ? `<pubDate>${it.date}</pubDate>` : ''}</item>`,
    )
    .join('\n');
  return `<?xml version="1.0" encoding="${encoding}"?>\n<rss version="2.0"><channel><title>أخبار تجريبية</title><link>https://news.example/ar</link><description>موجز</description>\n${body}\n</channel></rss>\n`;
}

export const GOOD_ITEMS = [
  { title: 'افتتاح معرض الكتاب في الرباط', date: 'Mon, 30 Nov 2026 08:00:00 +0000' },
  { title: 'ارتفاع أسعار الذهب في الأسواق المحلية', date: 'Tue, 01 Dec 2026 06:15:00 +0300' },
  { title: 'المنتخب يستعد لمباراة الإياب' },
];

/** A route: status, headers and body bytes. */
export interface Route {
  status: number;
  headers?: Record<string, string>;
  body?: string | Uint8Array;
}

/** The crafted routes: a good feed, a 404, windows-1256 bytes declared ISO-8859-1, an HTML page, an empty feed. */
export function craftedRoutes(): Record<string, Route> {
  return {
    '/good.xml': { status: 200, headers: { 'content-type': 'application/rss+xml; charset=utf-8' }, body: arabicRss(GOOD_ITEMS) },
    // The classic misdeclaration of Arabic sites: windows-1256 bytes, "ISO-8859-1" in the header and the document.
    '/misdeclared.xml': { status: 200, headers: { 'content-type': 'text/xml; charset=iso-8859-1' }, body: iconv.encode(arabicRss(GOOD_ITEMS.slice(0, 2), 'ISO-8859-1'), 'windows-1256') },
    '/page.html': { status: 200, headers: { 'content-type': 'text/html; charset=utf-8' }, body: '<!doctype html><html lang="ar" dir="rtl"><head><title>الصفحة الرئيسية</title></head><body><p>مرحبا</p></body></html>' },
    '/empty.xml': { status: 200, headers: { 'content-type': 'application/rss+xml' }, body: arabicRss([]) },
  };
}

/** A server for the routes (anything else is a 404); returns its base URL and a close function. */
export async function serveRoutes(routes: Record<string, Route>): Promise<{ base: string; close(): Promise<void> }> {
  const server: Server = createServer((req, res) => {
    const route = routes[(req.url ?? '/').split('?')[0]!];
    if (!route) return void res.writeHead(404, { 'content-type': 'text/plain' }).end('Not Found');
    res.writeHead(route.status, route.headers ?? {}).end(route.body ?? '');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  return { base, close: () => new Promise<void>((r) => server.close(() => r())) };
}
