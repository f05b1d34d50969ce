/** fast-check generators of hostile input for the fuzz suite: markup pieces, mentions, odd Unicode, deep nesting. */
import fc from 'fast-check';

/** Text a feed or a page might carry on purpose or by accident. */
export const HOSTILE_TEXT_PIECES = [
  '<!channel>', '<!here>', '<@U123>', '<#C42>', '<http://evil.example|اضغط>', '<b>', '</b>', '<a href="x">', '&', '&amp;', '&lt;', '&#x202E;', '"', "'", '|', '*', '_',
  '\u202E', '\u2066', '\u200F', '\u0000', '\uFFFD', '\uD83D', '\uDE00', '😀', '🇸🇦', '\n', '\t', ' ',
  'خبر', 'عاجل', 'الرياض', 'أعلنت الوزارة اليوم عن خطة جديدة.', 'BBC', '٣٧', '3.5%',
];

/** A string of hostile pieces and arbitrary Unicode (lone surrogates included). */
export const hostileText = (maxPieces = 20): fc.Arbitrary<string> =>
  fc.array(fc.oneof(fc.constantFrom(...HOSTILE_TEXT_PIECES), fc.string({ unit: 'binary', maxLength: 8 })), { maxLength: maxPieces }).map((a) => a.join(''));

const TAGS = ['div', 'p', 'span', 'article', 'section', 'h1', 'h2', 'li', 'ul', 'table', 'tr', 'td', 'script', 'style', 'a', 'b', 'img', 'br', 'meta', 'title', 'iframe', 'svg', 'template'];

/** HTML built of random (often unbalanced) tags, attributes and text, sometimes nested deep. */
export const hostileHtml: fc.Arbitrary<string> = fc
  .letrec<{ node: string }>((tie) => ({
    node: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      hostileText(6),
      fc.tuple(fc.constantFrom(...TAGS), fc.constantFrom('', ' class="x"', ' href="javascript:alert(1)"', ' content="2026-11-29T07:00:00Z" property="article:published_time"', ' x="<>&\'"'), fc.array(tie('node'), { maxLength: 4 }), fc.boolean()).map(
        ([tag, attr, children, close]) => `<${tag}${attr}>${children.join('')}${close ? `</${tag}>` : ''}`,
      ),
    ),
  }))
  .node.chain((body) =>
    fc.oneof(
      fc.constant(`<!doctype html><html><head><title>عنوان</title></head><body>${body}</body></html>`),
      fc.constant(body),
      // Deep nesting around the body: well under, just over and far over the extractor's limit of 256
      // (just under would cost Readability about a second a run).
      fc.constantFrom(1, 30, 257, 400).map((n) => `<html><body>${'<div>'.repeat(n)}${body}${'</div>'.repeat(n)}</body></html>`),
    ),
  );

const FIELDS = ['title', 'link', 'description', 'pubDate', 'guid', 'category', 'content:encoded', 'dc:date', 'summary', 'id', 'updated', 'published'];

/** Feed documents: RSS or Atom skeletons with random items, fields, CDATA, entities, truncation and deep nesting. */
export const hostileFeed: fc.Arbitrary<string> = fc
  .tuple(
    fc.constantFrom('rss', 'atom', 'rdf', 'json', 'junk'),
    fc.array(fc.array(fc.tuple(fc.constantFrom(...FIELDS), hostileText(6), fc.constantFrom('plain', 'cdata', 'escaped')), { maxLength: 5 }), { maxLength: 6 }),
    fc.integer({ min: 0, max: 300 }),
    fc.option(fc.nat(), { nil: undefined }),
  )
  .map(([kind, items, depth, cut]) => {
    const field = ([name, value, how]: [string, string, string]): string => {
      const v = how === 'cdata' ? `<![CDATA[${value.replace(/]]>/g, '')}]]>` : how === 'escaped' ? value.replace(/&/g, '&amp;').replace(/</g, '&lt;') : value;
      return `<${name}>${v}</${name}>`;
    };
    const nest = (s: string): string => `${'<x>'.repeat(depth)}${s}${'</x>'.repeat(depth)}`;
    let doc: string;
    if (kind === 'json') {
      doc = JSON.stringify({ version: 'https://jsonfeed.org/version/1.1', title: 'أخبار', items: items.map((f, k) => Object.fromEntries([['id', String(k)], ...f.map(([n, v]) => [n.replace(':', '_'), v])])) });
    } else if (kind === 'atom') {
      doc = `<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>أخبار</title>${items.map((f) => `<entry>${nest(f.map(field).join(''))}</entry>`).join('')}</feed>`;
    } else if (kind === 'rdf') {
      doc = `<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"><channel><title>أخبار</title></channel>${items.map((f) => `<item>${f.map(field).join('')}</item>`).join('')}</rdf:RDF>`;
    } else if (kind === 'rss') {
      doc = `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>أخبار</title>${items.map((f) => `<item>${nest(f.map(field).join(''))}</item>`).join('')}</channel></rss>`;
    } else {
      doc = items.flat().map(([, v]) => v).join('<');
    }
    return cut === undefined ? doc : doc.slice(0, cut % (doc.length + 1));
  });
