/**
 * Bytes → text for feeds and pages whose encoding is declared, misdeclared or not declared at all
 * (Arabic sites still serve windows-1256 and ISO-8859-6). Order: a BOM; the HTTP header's
 * charset; the XML declaration or HTML meta; UTF-8 when the bytes are valid UTF-8; else the
 * statistical guess of `chardet`. A declaration that the bytes contradict is not trusted: valid
 * UTF-8 under a legacy name, Arabic under ISO-8859-1, or bytes the declared charset leaves undefined.
 */
import chardet from 'chardet';
import iconv from 'iconv-lite';
import { gunzipSync } from 'node:zlib';

/** The decoded text and how its encoding was chosen. */
export interface Decoded {
  text: string;
  encoding: string;
  how: 'bom' | 'header' | 'declaration' | 'utf-8' | 'detected';
}

const UTF8 = new TextDecoder('utf-8', { fatal: true });

function normalizeName(name: string): string {
  const n = name.trim().toLowerCase().replace(/^["']|["']$/g, '');
  if (n === 'utf8') return 'utf-8';
  if (n === 'cp1256' || n === 'x-cp1256') return 'windows-1256';
  if (n === 'iso-8859-6-i' || n === 'arabic' || n === 'asmo-708') return 'iso-8859-6';
  return n;
}

/** The charset a document declares in its first bytes (XML declaration or HTML meta), if any. */
export function declaredCharset(bytes: Uint8Array): string | undefined {
  const head = Buffer.from(bytes.subarray(0, 2048)).toString('latin1');
  const xml = /^\s*<\?xml[^>]*encoding\s*=\s*["']([\w.:-]+)["']/i.exec(head);
  if (xml) return normalizeName(xml[1]!);
  const meta = /<meta[^>]+charset\s*=\s*["']?([\w.:-]+)/i.exec(head);
  return meta ? normalizeName(meta[1]!) : undefined;
}

/** The charset of a Content-Type header: "text/xml; charset=windows-1256" → "windows-1256". */
export function headerCharset(contentType: string | null | undefined): string | undefined {
  const m = /charset\s*=\s*["']?([\w.:-]+)/i.exec(contentType ?? '');
  return m ? normalizeName(m[1]!) : undefined;
}

function isUtf8(bytes: Uint8Array): boolean {
  try {
    UTF8.decode(bytes);
    return true;
  } catch {
    return false;
  }
}

function hasHighBytes(bytes: Uint8Array): boolean {
  for (let i = 0; i < bytes.length; i++) if (bytes[i]! >= 0x80) return true;
  return false;
}

const LATIN = new Set(['iso-8859-1', 'windows-1252', 'us-ascii', 'latin1', 'ascii']);
const ARABIC_LEGACY = new Set(['windows-1256', 'iso-8859-6']);

/**
 * The bytes between tags (ICU's "input filter", which chardet does not offer): chardet's models
 * read natural text, and the tags and links of a small feed outweigh its few lines of Arabic
 * (two short windows-1256 items read as ISO-8859-1). Latin-1 keeps every byte as it was.
 */
function textBetweenTags(bytes: Uint8Array): Uint8Array {
  const between = Buffer.from(Buffer.from(bytes).toString('latin1').replace(/<[^>]*>/g, ' '), 'latin1');
  return hasHighBytes(between) ? between : bytes;
}

function detect(bytes: Uint8Array): string {
  const candidates = chardet.analyse(textBetweenTags(bytes)).filter((c) => iconv.encodingExists(c.name));
  // chardet ranks ISO-8859-6 and windows-1256 close together on Arabic text; windows-1256 is a
  // superset in practice for news sites, but a text without its extra letters decodes the same.
  return normalizeName(candidates[0]?.name ?? 'utf-8');
}

/** Unpacks a gzip body that came without Content-Encoding (seen in the wild); other bytes come back as given. */
export function unpackGzip(bytes: Uint8Array, maxBytes = 50 * 1024 * 1024): Uint8Array {
  if (bytes[0] !== 0x1f || bytes[1] !== 0x8b) return bytes;
  return gunzipSync(bytes, { maxOutputLength: maxBytes });
}

/** Decodes bytes, choosing the encoding as described above (a stray gzip body is unpacked first). */
export function decodeBytes(raw: Uint8Array, contentType?: string | null): Decoded {
  const bytes = unpackGzip(raw);
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { text: UTF8.decode(bytes.subarray(3)), encoding: 'utf-8', how: 'bom' };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: iconv.decode(Buffer.from(bytes.subarray(2)), 'utf-16le'), encoding: 'utf-16le', how: 'bom' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: iconv.decode(Buffer.from(bytes.subarray(2)), 'utf-16be'), encoding: 'utf-16be', how: 'bom' };
  const fromHeader = headerCharset(contentType);
  const fromDoc = declaredCharset(bytes);
  const declared = fromHeader ?? fromDoc;
  const how = fromHeader ? 'header' : 'declaration';
  const buf = Buffer.from(bytes);
  if (!hasHighBytes(bytes)) return { text: buf.toString('utf8'), encoding: declared ?? 'utf-8', how: declared ? how : 'utf-8' };
  const utf8 = isUtf8(bytes);
  if (declared === 'utf-8' || declared === undefined) {
    if (utf8) return { text: buf.toString('utf8'), encoding: 'utf-8', how: declared ? how : 'utf-8' };
    const guess = detect(bytes);
    return { text: iconv.decode(buf, guess), encoding: guess, how: 'detected' };
  }
  // A legacy declaration on bytes that are valid multi-byte UTF-8 is a mistake of the server.
  if (utf8) return { text: buf.toString('utf8'), encoding: 'utf-8', how: 'detected' };
  if (LATIN.has(declared)) {
    // "ISO-8859-1" on Arabic bytes is the classic misdeclaration: trust the bytes.
    const guess = detect(bytes);
    if (ARABIC_LEGACY.has(guess)) return { text: iconv.decode(buf, guess), encoding: guess, how: 'detected' };
  }
  if (!iconv.encodingExists(declared)) {
    const guess = detect(bytes);
    return { text: iconv.decode(buf, guess), encoding: guess, how: 'detected' };
  }
  const text = iconv.decode(buf, declared);
  // Bytes the declared charset leaves undefined contradict it: windows-1256 served as ISO-8859-6
  // (its ف ق ك fall in ISO-8859-6's holes) would lose every such letter to U+FFFD.
  if (text.includes('\uFFFD')) {
    const guess = declared === 'iso-8859-6' ? 'windows-1256' : detect(bytes);
    const other = guess === declared ? text : iconv.decode(buf, guess);
    if (replacements(other) < replacements(text)) return { text: other, encoding: guess, how: 'detected' };
  }
  return { text, encoding: declared, how };
}

function replacements(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\uFFFD'); i >= 0; i = text.indexOf('\uFFFD', i + 1)) n++;
  return n;
}
