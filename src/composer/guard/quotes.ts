/**
 * Quotations in a bullet («…», "…", “…”) and how much of each a story's sources say word for
 * word. A model that invents a quotation writes words in an order no source has; a faithful
 * quotation may drop or add a particle, so the match is near-verbatim, not exact.
 */
import { normalizeArabic, tokenizeWords } from '../../arabic/index.js';
import { wordForms, wordKeys, type StoryIndex } from './story-index.js';
import { quoteKey } from './word-forms.js';

const SHORT_QUOTE_WORDS = 2;
// A phrase of a few words is checked word by word too, each word also under another inflection
// (a standfirst quotes «لن تقصي أحدا» where the article has «لن يقصي أحدا»): with so few words, their
// order says little, and a quotation invented from another story brings words the sources lack.
const PHRASE_WORDS = 4;

const PAIRS: Readonly<Record<string, string>> = { '«': '»', '“': '”', '"': '"', '„': '“' };

/**
 * The quoted spans of a text, outermost only, in order; an opening mark left unclosed quotes to
 * the end of the text.
 *
 * @example
 * findQuotes('وقال: «الأمن مسؤولية مشتركة» و"غير قابل للتفاوض"') // → ['الأمن مسؤولية مشتركة', 'غير قابل للتفاوض']
 */
export function findQuotes(text: string): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < text.length) {
    const open = text.charCodeAt(i);
    const close = closingMark(open);
    if (close < 0) {
      i++;
      continue;
    }
    // Nested marks of another kind are part of the outer quotation.
    let depth = 0;
    let j = i + 1;
    for (; j < text.length; j++) {
      const c = text.charCodeAt(j);
      if (c === close && depth === 0) break;
      if (open !== close && c === open) depth++;
      else if (open !== close && c === close) depth--;
    }
    const inner = text.slice(i + 1, j).trim();
    if (inner.length > 0) out.push(inner);
    i = j + 1;
  }
  return out;
}

// The closing mark of an opening one, by char code (-1: not an opening mark).
const CLOSING: ReadonlyMap<number, number> = new Map(Object.entries(PAIRS).map(([o, c]) => [o.charCodeAt(0), c.charCodeAt(0)]));

function closingMark(c: number): number {
  return CLOSING.get(c) ?? -1;
}

/**
 * The share (0–1) of a quotation's normalized words (conjunction and article aside) that one source says in the same order
 * within a window of about twice the quotation's length: 1 for a verbatim quotation.
 */
export function quoteSupport(quote: string, index: StoryIndex): number {
  const words = tokenizeWords(normalizeArabic(quote));
  const q = words.map(quoteKey);
  if (q.length === 0) return 1;
  // A short quotation («"نازيا"», «"مبلغا هائلا"») marks a word or a phrase, not a statement:
  // each word must be in a source under one of its clitic analyses, in any order.
  // The story's streams by key number ({@link TokenStreams}); a word no source has is -1, which no token is.
  const ts = index.tokenStreams;
  const ids = q.map((key) => ts.idOf(key));
  if (q.length <= SHORT_QUOTE_WORDS) {
    return words.filter((w, i) => ids[i]! >= 0 || wordForms(w).some((f) => index.hasForm(f) || (f.endsWith('ا') && index.hasForm(f.slice(0, -1))))).length / q.length;
  }
  const window = 2 * q.length + 2;
  let best = 0;
  if (q.length <= PHRASE_WORDS) {
    best = words.filter((w, i) => ids[i]! >= 0 || wordForms(w).some((f) => index.hasForm(f)) || wordKeys(w).some((k) => index.hasKey(k))).length;
  }
  const { streams, start: starts, at } = ts;
  for (let i = 0; i < q.length && q.length - i > best; i++) {
    const n = ids[i]!;
    if (n < 0) continue;
    for (let k = starts[n]!; k < starts[n + 1]!; k += 2) {
      const stream = streams[at[k]!]!;
      const start = at[k + 1]!;
      let matched = 1;
      let p = start + 1;
      const end = Math.min(stream.length, start + window);
      for (let j = i + 1; j < q.length && p < end; j++) {
        // Look ahead a little for the next word of the quotation (a dropped or added particle).
        for (let look = p; look < Math.min(end, p + 3); look++) {
          if (stream[look] === ids[j]) {
            matched++;
            p = look + 1;
            break;
          }
        }
      }
      if (matched > best) best = matched;
    }
  }
  return best / q.length;
}

function isLatin(w: string): boolean {
  const c = w.charCodeAt(0);
  return (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || (c >= 0xc0 && c <= 0x24f);
}

/** Whether a text holds a Latin-script word. */
export function hasLatinWord(text: string): boolean {
  return tokenizeWords(text).some(isLatin);
}

/** The Latin-script words of a text, in order, joined by spaces: «قال "Plan A" للجيش» → "Plan A". */
export function latinWordsOf(text: string): string {
  return tokenizeWords(text).filter(isLatin).join(' ');
}
