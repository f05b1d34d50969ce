/**
 * Stage 7: the headline. The article's title as cleaned when the draft was made; an article
 * without one gets its lead bullet's source sentence, shortened by the clause rules of the
 * compressor (as a headline writer trims a lead: Dorr, Zajic & Schwartz 2003).
 */
import { compressSentence } from '../compress.js';
import type { Draft } from '../draft.js';

/** Most words of a headline made from the lead sentence when the article has no title. */
export const HEADLINE_WORDS = 14;
/** The share of HEADLINE_WORDS a cut inside the last clause must keep (see CompressOptions.minKeepShare). */
const HEADLINE_KEEP_SHARE = 0.6;

/** Sets `draft.headline`: the title, else the lead bullet's sentence (as cleaned) shortened; '' when there is neither. */
export function makeHeadline<D extends Draft>(draft: D): D {
  const lead = draft.bullets[0];
  const sentence = lead ? (draft.sentences.find((s) => s.written === lead.sourceSentence)?.text ?? lead.sourceSentence) : '';
  const headline = draft.title || (sentence ? compressSentence(sentence, { maxWords: HEADLINE_WORDS, minKeepShare: HEADLINE_KEEP_SHARE }) : '');
  return { ...draft, headline };
}
