/** Right-to-left safety for lines that mix Arabic and Latin text. */

/** FIRST STRONG ISOLATE and POP DIRECTIONAL ISOLATE (Unicode Bidirectional Algorithm, UAX #9). */
export const FSI = '\u2068';
export const PDI = '\u2069';
/** RIGHT-TO-LEFT MARK: a strong RTL character with no width. */
export const RLM = '\u200F';

// A web address, whole: its query (`?x=1&y=2`) has signs no Latin word has, and split there the
// pieces are laid out right to left. It ends before the sentence's own punctuation.
// An Arabic comma, semicolon or question mark ends it too («…/a،وقال»).
const URL_START = String.raw`(?:[Hh][Tt][Tt][Pp][Ss]?:\/\/|[Ww]{3}\.)`;
const URL_RUN = String.raw`${URL_START}[^\s<>"«»،؛؟]*[^\s<>"«».,;:!?'()\[\]{}،؛؟]`;
// A Latin run: letters, with the digits glued to its front (5G), a hashtag's or handle's sign, the
// names, numbers and signs between its words, and the + or # that ends C++ or C#.
// It stops before a web address that follows it («Reuters https://…»), which is a run of its own.
const WORD_RUN = String.raw`[#@]?[0-9]*[A-Za-z\u00C0-\u024F](?:(?:(?!\s${URL_START})[A-Za-z\u00C0-\u024F0-9 .,:;'&/_+@#%-])*[A-Za-z\u00C0-\u024F0-9])?(?:\+\+|[+#](?![A-Za-z0-9]))?`;
// A quotation in Latin letters, with its quotation marks: split from them, its closing full stop
// and quotation mark are laid out on the wrong side of it («".We will not comment»).
const NOT_ARABIC = String.raw`[^\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF`;
const LATIN_LETTER = String.raw`[A-Za-z\u00C0-\u024F]`;
// (A look-ahead for the letter, then one pass to the closing mark: no backtracking on a long line.)
const QUOTE_RUN = String.raw`"(?=${NOT_ARABIC}"\n]*${LATIN_LETTER})${NOT_ARABIC}"\n]*"|“(?=${NOT_ARABIC}”\n]*${LATIN_LETTER})${NOT_ARABIC}”\n]*”`;
const LATIN_RUN = new RegExp(`${URL_RUN}|${QUOTE_RUN}|${WORD_RUN}`, 'g');
// The same, with the slash of a bot command («/time 07:30») inside the run: left outside, an
// Arabic line shows it after the word («time/»).
const COMMAND_OR_LATIN_RUN = new RegExp(`${URL_RUN}|${QUOTE_RUN}|\\/?${WORD_RUN}`, 'g');
const STRONG_RE = /[A-Za-z\u00C0-\u024F\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF]/;
const RTL_RE = /[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF]/;
// Unicode's Bidi_Control characters: ALM (U+061C, which Arabic keyboards type), LRM, RLM, embeddings, overrides, isolates.
const BIDI_CONTROLS = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;

/** Removes bidi control characters (ALM, LRM, RLM, embeddings, overrides, isolates). */
export function stripBidiControls(text: string): string {
  return text.replace(BIDI_CONTROLS, '');
}

/**
 * Whether the first strong character of a line, outside any isolate, is right-to-left: that is
 * what decides the line's direction (UAX #9, rules P2–P3).
 */
export function startsRightToLeft(line: string): boolean {
  let depth = 0;
  for (const ch of line) {
    if (ch === '\u2066' || ch === '\u2067' || ch === FSI) depth++;
    else if (ch === PDI) depth = Math.max(0, depth - 1);
    else if (depth === 0) {
      if (ch === RLM || RTL_RE.test(ch)) return true;
      if (ch === '\u200E' || STRONG_RE.test(ch)) return false;
    }
  }
  return false;
}

/**
 * Wraps each Latin run of an Arabic line in FSI…PDI so that it keeps its own direction without
 * flipping the line; a line that would otherwise start with a Latin letter gets an RLM too. With
 * `commands`, a slash just before a run («/help», «/time 07:30») is isolated with it.
 *
 * @example
 * isolateLatinRuns('BBC: انفجار في بيروت') // → '\u200F\u2068BBC\u2069: انفجار في بيروت'
 * isolateLatinRuns('اكتب /help', { commands: true }) // → 'اكتب \u2068/help\u2069'
 */
export function isolateLatinRuns(line: string, options: { commands?: boolean } = {}): string {
  const clean = stripBidiControls(line);
  if (!RTL_RE.test(clean)) return clean; // a Latin-only line keeps its own direction
  const isolated = clean.replace(options.commands ? COMMAND_OR_LATIN_RUN : LATIN_RUN, (run) => FSI + run + PDI);
  // Some clients take the first strong letter of the raw text as the line's direction, isolates
  // or not: a line that begins in Latin also gets an RLM in front.
  return startsRightToLeft(clean) ? isolated : RLM + isolated;
}
