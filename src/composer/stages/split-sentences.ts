/** Stage 2: sections → paragraphs → sentences, each with its word-level features. */
import { isArabicText, segmentSentences } from '../../arabic/index.js';
import type { Draft, SentenceInfo } from '../draft.js';
import { cleanSentence, isLinkHeading, isLinkLine, isTagsLine } from './clean-text.js';
import { contentStems, hasNumber, hasQuote, toVector, vectorNorm } from '../text-features.js';

const TERMINATED = /[.!?\u061F\u061B\u2026]["'\u201D\u00BB)]*$/;
/** A headline's joint «..» (one title in two parts: «قد يهمك/ X.. Y»), not a stop or an ellipsis «...». */
const TITLE_JOINT = /(?:^|[^.])\.\.\s*$/;
/** A paragraph that ends on a full stop or «!»: a sentence of the story, not a title in a list of links. */
const STOPPED = /[.!]["'\u201D\u00BB)]*$/;
/** The most words of a title in a list of links under a bare «اقرأ أيضاً:». */
const LISTED_TITLE_MAX_WORDS = 16;

/** Whitespace-separated words of a trimmed text, counted without building an array. */
function countSpaced(text: string): number {
  let n = text.length > 0 ? 1 : 0;
  for (let i = 1; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const p = text.charCodeAt(i - 1);
    if ((c !== 32 && c !== 9 && c !== 10 && c !== 0xa0) && (p === 32 || p === 9 || p === 10 || p === 0xa0)) n++;
  }
  return n;
}

/**
 * Segments every paragraph into sentences (see segmentSentences), cleans each (hashtags as words,
 * the dateline of a paragraph's first sentence removed, so that it never counts toward a bullet's
 * words), and records its section, paragraph, position in the paragraph, words and content stems.
 * A sentence that was nothing but a dateline or a byline is left out, and so is a sentence that
 * is a link line («إقرأ أيضا: …», «رابط الخبر …:»). Stops at `maxInputChars`.
 */
export function splitSentences(draft: Draft): Draft {
  const sentences: SentenceInfo[] = [];
  const warnings = [...draft.warnings];
  let chars = 0;
  let paragraph = 0;
  let truncated = false;
  /** Whether the paragraphs read are a list of links' titles under a bare heading («اقرأ أيضاً:»). */
  let listedTitles = false;
  draft.article.sections.forEach((section, sectionIndex) => {
    for (const para of section.paragraphs) {
      if (truncated) return;
      // Under a bare «اقرأ أيضاً:», each short paragraph without a full stop is another story's title.
      if (listedTitles) {
        const t = para.trim();
        if (countSpaced(t) <= LISTED_TITLE_MAX_WORDS && !STOPPED.test(t)) continue;
        listedTitles = false;
      }
      chars += para.length;
      if (chars > draft.options.maxInputChars) {
        truncated = true;
        warnings.push({
          code: 'truncated',
          message: `The article is longer than ${draft.options.maxInputChars} characters; only its beginning was read. / قُرئت بداية المقال فقط لطوله.`,
        });
        return;
      }
      let indexInParagraph = 0;
      /** Whether the sentence before was a link line whose title runs on («قد يهمك/ X..» then «Y»). */
      let titleRunsOn = false;
      const sentencesOfPara = segmentSentences(para);
      sentencesOfPara.forEach((s, k) => {
        const text = cleanSentence(s.text, k === 0);
        // A link to another page («إقرأ أيضا: …», «رابط الخبر …:») says nothing of this story, as a
        // paragraph or run on after it («… الله. رابط الخبر بصحيفة …:»); the sentences around it
        // stay, but for the rest of its title after a bare heading or a headline's «..».
        if (titleRunsOn) {
          titleRunsOn = TITLE_JOINT.test(text);
          return;
        }
        if (text.length === 0) return;
        if (k === sentencesOfPara.length - 1 && isTagsLine(text)) return;
        if (isLinkLine(text)) {
          titleRunsOn = isLinkHeading(text) || TITLE_JOINT.test(text);
          if (sentencesOfPara.length === 1 && isLinkHeading(text)) listedTitles = true;
          return;
        }
        const stems = contentStems(text);
        const vector = toVector(stems);
        sentences.push({
          text,
          written: s.text,
          section: sectionIndex,
          paragraph,
          indexInParagraph: indexInParagraph++,
          wordCount: countSpaced(text),
          stems,
          vector,
          vectorNorm: vectorNorm(vector),
          hasNumber: hasNumber(text),
          hasQuote: hasQuote(text),
          terminated: TERMINATED.test(text),
          arabic: isArabicText(text, 0.5, 2),
          score: 0,
        });
      });
      paragraph++;
    }
  });
  if (sentences.length === 0 && !warnings.some((w) => w.code === 'empty')) {
    warnings.push({ code: 'no-sentences', message: 'No sentence was found in the article. / لم يُعثر على جمل.' });
  }
  return { ...draft, sentences, warnings };
}
