/** Stage 5: turns each selected sentence into a bullet of at most `maxBulletWords` words (see compressSentence). */
import type { Bullet } from '../../core/types.js';
import { compressSentence, endsMidPhrase, endsOnLeadIn, stripEdges } from '../compress.js';
import type { ScoredDraft, SentenceInfo } from '../draft.js';
import { contentStem, cosine } from '../text-features.js';
import { isCaption } from './score-sentences.js';

/**
 * What a word of a sentence is worth keeping when the sentence must be shortened: about the
 * chance that an editor shortening the lead keeps it. Content words the title shares are kept
 * most often, then words the rest of the article repeats (Edmundson 1969's title and frequency
 * cues), function words at a middling rate. The values are the rounded keep rates of each kind
 * of word in the leads longer than 25 words of the ANT-BBC dev set (title words 0.77–0.85, words
 * found nowhere else 0.39, repeated three times or more 0.59, function words about 0.55). Numbers
 * are worth as much as title words: a briefing's figures are what its readers act on.
 */
export const WORD_WORTH = { base: 0.4, title: 0.4, repeated: 0.2, repeatCap: 3, functionWord: 0.55, number: 0.8 } as const;

const DIGIT = /[0-9\u0660-\u0669]/;
/** Fewest words of a sentence that takes the place of a chosen one that gave no bullet. */
const FILL_MIN_WORDS = 8;

/** The worth of each word of `sentence` in its article (see WORD_WORTH). */
function worthIn(title: ReadonlySet<string>, sentence: SentenceInfo, articleCounts: ReadonlyMap<string, number>): (word: string) => number {
  return (word) => {
    if (DIGIT.test(word)) return WORD_WORTH.number;
    const stem = contentStem(stripEdges(word));
    if (stem === null) return WORD_WORTH.functionWord;
    const rest = Math.max(0, (articleCounts.get(stem) ?? 0) - (sentence.vector.get(stem) ?? 0));
    return WORD_WORTH.base + (title.has(stem) ? WORD_WORTH.title : 0) + (WORD_WORTH.repeated * Math.min(rest, WORD_WORTH.repeatCap)) / WORD_WORTH.repeatCap;
  };
}

const ARABIC_LETTER = /[\u0621-\u064A]/;

/**
 * Compresses the selected sentences into bullets, in document order. It takes a scored draft:
 * the first bullet's word worth reads the article's stem counts, which the scoring stage records. The first bullet (the one a
 * one-line digest shows) is shortened by word worth; the others by the clause rules, which cost
 * about a third as much (the README's bench section gives the composer's time against the floor pass).
 */
export function compressBullets(draft: ScoredDraft): ScoredDraft {
  const { maxBulletWords, compress } = draft.options;
  let title: Set<string> | undefined;
  const bulletOf = (i: number, k: number, maxWords: number): Bullet | null => {
    const s = draft.sentences[i]!;
    const text = compress
      ? compressSentence(s.text, {
          maxWords,
          minKeepShare: draft.options.minKeepShare,
          ...(k === 0 && s.wordCount > maxWords ? { wordWorth: worthIn((title ??= new Set(draft.titleStems)), s, draft.stemCounts) } : {}),
        })
      : s.text;
    // A bullet is a whole phrase: one that still ends on a preposition, a conjunction or a relative
    // pronoun (a list's lead-in «… الأجانب من:», a quotation cut by the segmenter) is not used, nor
    // one left without an Arabic word (a rubric's number after its dash: «… السبت - 564»), nor one
    // that is a lead-in ending on «:» without its items («… على النحو التالي:»).
    return text.length > 0 && !endsMidPhrase(text) && ARABIC_LETTER.test(text) && !endsOnLeadIn(text, s.text) ? { text, section: s.section, sourceSentence: s.written } : null;
  };
  const made: { index: number; bullet: Bullet; limit: number }[] = [];
  // The word limits of the chosen lines that gave no bullet, for the sentences taking their places
  // (within a word budget, a place's limit is what the budget left it).
  const freed: number[] = [];
  draft.selected.forEach((i, k) => {
    const limit = draft.wordLimits[k] ?? maxBulletWords;
    const bullet = bulletOf(i, k, limit);
    if (bullet) made.push({ index: i, bullet, limit });
    else freed.push(limit);
  });
  // A chosen line that gave no bullet leaves its place to the best sentence not chosen that gives
  // one and says something besides (a digest of a caption ending «… من يساعد من» and a real
  // sentence is that sentence, not nothing).
  if (made.length < draft.selected.length) {
    const chosen = new Set(draft.selected);
    const rest = draft.sentences.map((_, i) => i).filter((i) => !chosen.has(i)).sort((a, b) => draft.sentences[b]!.score - draft.sentences[a]!.score);
    for (const i of rest) {
      if (made.length >= draft.selected.length) break;
      const s = draft.sentences[i]!;
      if (s.score <= 0) break;
      // A sentence in its own right (not a fragment, caption or tags), saying what no bullet says.
      if (s.wordCount < FILL_MIN_WORDS || s.stems.length < 3 || !s.arabic || isCaption(s, i, draft.titleStems)) continue;
      if (made.some((m) => { const u = draft.sentences[m.index]!; return cosine(u.vector, s.vector, u.vectorNorm, s.vectorNorm) > 0.5; })) continue;
      const limit = freed[0] ?? maxBulletWords;
      const bullet = bulletOf(i, made.length === 0 ? 0 : 1, limit);
      if (bullet && !made.some((m) => m.bullet.text === bullet.text)) {
        made.push({ index: i, bullet, limit });
        freed.shift();
      }
    }
    made.sort((a, b) => a.index - b.index);
    return { ...draft, selected: made.map((m) => m.index), wordLimits: made.map((m) => m.limit), bullets: made.map((m) => m.bullet) };
  }
  return { ...draft, bullets: made.map((m) => m.bullet) };
}
