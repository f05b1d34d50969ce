/** Stage 2: sections → paragraphs → sentences, each with its word-level features. */
import { isArabicText, segmentSentences } from '../../arabic/index.js';
import type { Draft, SentenceInfo } from '../draft.js';
import { contentStems, hasNumber, hasQuote } from '../text-features.js';

const TERMINATED = /[.!?\u061F\u061B\u2026]["'\u201D\u00BB)]*$/;

/**
 * Segments every paragraph into sentences (see segmentSentences) and records each one's section,
 * paragraph, position in the paragraph, words and content stems. Stops at `maxInputChars`.
 */
export function splitSentences(draft: Draft): Draft {
  const sentences: SentenceInfo[] = [];
  const warnings = [...draft.warnings];
  let chars = 0;
  let paragraph = 0;
  let truncated = false;
  draft.article.sections.forEach((section, sectionIndex) => {
    for (const para of section.paragraphs) {
      if (truncated) return;
      chars += para.length;
      if (chars > draft.options.maxInputChars) {
        truncated = true;
        warnings.push({
          code: 'truncated',
          message: `The article is longer than ${draft.options.maxInputChars} characters; only its beginning was read. / قُرئت بداية المقال فقط لطوله.`,
        });
        return;
      }
      segmentSentences(para).forEach((s, indexInParagraph) => {
        sentences.push({
          text: s.text,
          section: sectionIndex,
          paragraph,
          indexInParagraph,
          wordCount: s.text.split(/\s+/).length,
          stems: contentStems(s.text),
          hasNumber: hasNumber(s.text),
          hasQuote: hasQuote(s.text),
          terminated: TERMINATED.test(s.text),
          arabic: isArabicText(s.text, 0.5, 2),
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
