import iconv from 'iconv-lite';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { declaredCharset, decodeBytes, headerCharset } from '../../src/sources/index.js';

const ARABIC = 'أعلنت وزارة الصحة اليوم تراجع عدد الإصابات بنسبة كبيرة في جميع المحافظات خلال الأسبوع الماضي، وقال الوزير إن الوضع مطمئن.';
const page = (body: string, head = ''): string => `<html><head>${head}<title>خبر</title></head><body><p>${body}</p><p>${body}</p></body></html>`;

describe('decodeBytes', () => {
  it('reads UTF-8 as UTF-8', () => {
    expect(decodeBytes(Buffer.from(page(ARABIC))).text).toContain(ARABIC);
  });
  it('detects undeclared windows-1256 Arabic (no mojibake)', () => {
    const d = decodeBytes(iconv.encode(page(ARABIC), 'windows-1256'));
    expect(d.how).toBe('detected');
    expect(d.text).toContain(ARABIC);
  });
  it('detects undeclared windows-1256 in a small feed whose markup and links outweigh its Arabic', () => {
    // Two short items: most bytes are ASCII tags and URLs, which alone make the bytes look Latin-1.
    const items = ['ارتفاع أسعار القمح في الأسواق', 'افتتاح فرع جديد للمكتبة العامة'].map(
      (t, i) => `<item><title>${t}</title><link>https://news.example/ar/world/2026/12/03/story-${i + 1}.html?from=rss</link><guid isPermaLink="true">https://news.example/ar/world/2026/12/03/story-${i + 1}.html</guid><description>${t} اليوم.</description><pubDate>Thu, 03 Dec 2026 06:00:00 GMT</pubDate></item>`,
    );
    const xml = `<?xml version="1.0"?><rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom"><channel><title>أخبار</title><link>https://news.example/ar/</link><atom:link href="https://news.example/ar/rss.xml" rel="self" type="application/rss+xml"/>${items.join('')}</channel></rss>`;
    const d = decodeBytes(iconv.encode(xml, 'windows-1256'), 'text/xml');
    expect(d).toMatchObject({ encoding: 'windows-1256', how: 'detected' });
    expect(d.text).toContain('افتتاح فرع جديد للمكتبة العامة');
  });
  it('detects undeclared ISO-8859-6 Arabic', () => {
    const d = decodeBytes(iconv.encode(page(ARABIC.replace(/[،]/g, ',')), 'iso-8859-6'));
    expect(d.text).toContain('أعلنت وزارة الصحة اليوم');
  });
  it('follows the HTTP header charset', () => {
    const d = decodeBytes(iconv.encode(page(ARABIC), 'windows-1256'), 'text/html; charset=windows-1256');
    expect(d).toMatchObject({ encoding: 'windows-1256', how: 'header' });
    expect(d.text).toContain(ARABIC);
  });
  it('follows the XML declaration', () => {
    const xml = `<?xml version="1.0" encoding="windows-1256"?><rss><channel><title>${ARABIC}</title></channel></rss>`;
    const d = decodeBytes(iconv.encode(xml, 'windows-1256'));
    expect(d).toMatchObject({ encoding: 'windows-1256', how: 'declaration' });
    expect(d.text).toContain(ARABIC);
  });
  it('does not trust ISO-8859-1 declared on Arabic bytes', () => {
    const d = decodeBytes(iconv.encode(page(ARABIC), 'windows-1256'), 'text/html; charset=iso-8859-1');
    expect(d.how).toBe('detected');
    expect(d.text).toContain(ARABIC);
  });
  it('does not trust ISO-8859-6 in the header on windows-1256 bytes (its letters ف ق ك fall in ISO-8859-6 holes)', () => {
    const xml = `<?xml version="1.0" encoding="windows-1256"?><rss><channel><item><title>${ARABIC}</title></item></channel></rss>`;
    const d = decodeBytes(iconv.encode(xml, 'windows-1256'), 'text/xml; charset=iso-8859-6');
    expect(d).toMatchObject({ encoding: 'windows-1256', how: 'detected' });
    expect(d.text).toContain(ARABIC);
    expect(d.text).not.toContain('\uFFFD');
  });
  it('does not trust an ISO-8859-6 declaration the windows-1256 bytes contradict', () => {
    const d = decodeBytes(iconv.encode(page(ARABIC, '<meta charset="iso-8859-6">'), 'windows-1256'));
    expect(d.encoding).toBe('windows-1256');
    expect(d.text).toContain(ARABIC);
  });
  it('keeps a true ISO-8859-6 declaration', () => {
    const text = ARABIC.replace(/[،]/g, ',');
    const d = decodeBytes(iconv.encode(page(text), 'iso-8859-6'), 'text/html; charset=iso-8859-6');
    expect(d).toMatchObject({ encoding: 'iso-8859-6', how: 'header' });
    expect(d.text).toContain(text);
  });
  it('reads UTF-8 bytes served as windows-1256 as UTF-8', () => {
    expect(decodeBytes(Buffer.from(page(ARABIC)), 'text/html; charset=windows-1256').text).toContain(ARABIC);
  });
  it('honours a byte-order mark', () => {
    expect(decodeBytes(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(ARABIC)])).text).toBe(ARABIC);
  });
  it('unpacks a gzip body that came without Content-Encoding', () => {
    expect(decodeBytes(gzipSync(Buffer.from(page(ARABIC)))).text).toContain(ARABIC);
  });
});

describe('declaredCharset and headerCharset', () => {
  it('read XML, meta and header declarations', () => {
    expect(declaredCharset(Buffer.from('<?xml version="1.0" encoding="ISO-8859-6"?><rss/>'))).toBe('iso-8859-6');
    expect(declaredCharset(Buffer.from('<html><head><meta charset="cp1256">'))).toBe('windows-1256');
    expect(declaredCharset(Buffer.from('<meta http-equiv="Content-Type" content="text/html; charset=windows-1256">'))).toBe('windows-1256');
    expect(headerCharset('application/rss+xml; charset="UTF-8"')).toBe('utf-8');
    expect(headerCharset('text/xml')).toBeUndefined();
  });
});
