/** Cutting text to a length at a word boundary, for renderers whose platforms cap message length. */

/** The mark a cut text ends with. */
const ELLIPSIS = '…';

/**
 * `text` if it measures at most `maxUnits`, else its longest prefix that ends at a word boundary
 * and still fits with «…» after it. A text with no space early enough (one giant word) is cut
 * inside the word, never inside a surrogate pair. `measure` gives the length that the platform
 * counts for the text as it will be sent (escaped, bidi-isolated); it must never be shorter than
 * the text's own UTF-16 length (default: that length).
 *
 * @example
 * cutAtWord('ارتفعت أسعار النفط اليوم', 16) // → 'ارتفعت أسعار…'
 */
export function cutAtWord(text: string, maxUnits: number, measure: (s: string) => number = (s) => s.length): string {
  if (measure(text) <= maxUnits) return text;
  // Since measure(s) >= s.length, no prefix longer than maxUnits can fit.
  // Never end inside a surrogate pair.
  const head = text.slice(0, Math.max(0, maxUnits)).replace(/[\uD800-\uDBFF]$/, '');
  const fits = (s: string): boolean => measure(s) <= maxUnits;
  // Word ends (before a space, or at the end of the text), shortest first.
  const ends = [...head.matchAll(/\S(?=\s)/g)].map((m) => m.index + 1);
  if (/\S$/.test(head) && !/^\S/.test(text.slice(head.length))) ends.push(head.length);
  const atWord = (k: number): string => head.slice(0, ends[k]).trimEnd() + ELLIPSIS;
  const best = lastFitting(ends.length, (k) => fits(atWord(k)));
  if (best >= 0) return atWord(best);
  // No word end fits (one word longer than the limit): cut inside it, by whole code points.
  const points = [...head];
  const inWord = (n: number): string => points.slice(0, n).join('').trimEnd() + ELLIPSIS;
  const n = lastFitting(points.length + 1, (k) => fits(inWord(k)));
  return n >= 0 ? inWord(n) : '';
}

/** The largest k in [0, count) with ok(k), for ok true up to some k and false after; -1 if none. */
function lastFitting(count: number, ok: (k: number) => boolean): number {
  let lo = 0;
  let hi = count - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (ok(mid)) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

/**
 * `text` bounded at `maxUnits` UTF-16 units without keeping part of a word: cut at the last space
 * within the bound (inside a single giant word: by {@link sliceUnits}). For commands' words, where
 * a word cut short («-الانتخا») would be taken for another.
 */
export function boundAtWord(text: string, maxUnits: number): string {
  if (text.length <= maxUnits) return text;
  if (/\s/.test(text[maxUnits]!)) return text.slice(0, maxUnits).trimEnd();
  const head = text.slice(0, maxUnits);
  const space = head.search(/\s\S*$/);
  return space > 0 ? head.slice(0, space).trimEnd() : sliceUnits(text, maxUnits);
}

/**
 * The first `maxUnits` UTF-16 units of `text`, one fewer when the cut would split a surrogate pair
 * (an emoji): half of one is not valid UTF-8, and Telegram and Slack refuse a message holding it.
 *
 * @example
 * sliceUnits('نفط😀', 4) // → 'نفط'
 */
export function sliceUnits(text: string, maxUnits: number): string {
  const head = text.slice(0, Math.max(0, maxUnits));
  return head.length < text.length && /[\uD800-\uDBFF]$/.test(head) ? head.slice(0, -1) : head;
}
