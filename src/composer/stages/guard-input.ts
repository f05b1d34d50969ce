/** Stage 1: checks that there is Arabic text to work on (enough of it to summarize); odd input becomes a warning, not an exception. */
import { isArabicText } from '../../arabic/index.js';
import type { Section } from '../../core/types.js';
import type { Draft } from '../draft.js';

// Control characters other than tab/newline, and U+FFFD from failed decoding: many of them means
// the "text" is binary data.
const BINARY_CHARS = /[\u0000-\u0008\u000E-\u001F\uFFFD]/g;

function sectionsText(sections: readonly Section[]): string {
  return sections.map((s) => [s.heading ?? '', ...s.paragraphs].join('\n')).join('\n');
}

/**
 * Flags empty, binary, oversized and non-Arabic input. Oversized input is cut to
 * `options.maxInputChars` at a paragraph boundary; the other cases leave no sentences to select.
 */
export function guardInput(draft: Draft): Draft {
  const text = sectionsText(draft.article.sections);
  if (text.trim().length === 0) {
    return { ...draft, warnings: [...draft.warnings, { code: 'empty', message: 'The article has no text. / المقال فارغ.' }] };
  }
  const sample = text.length > 20_000 ? text.slice(0, 20_000) : text;
  const binary = sample.match(BINARY_CHARS)?.length ?? 0;
  if (binary > sample.length * 0.01) {
    return {
      ...draft,
      warnings: [...draft.warnings, { code: 'binary', message: 'The input looks like binary data, not text. / المدخل ليس نصاً.' }],
    };
  }
  if (!isArabicText(text)) {
    // Arabic, but too short to say anything («المجيول», a column whose text is its author's name):
    // not a foreign article either, which a model would be asked to translate.
    if (isArabicText(text, 0.5, 1)) {
      return { ...draft, warnings: [...draft.warnings, { code: 'too-short', message: 'The article is too short to summarize. / المقال أقصر من أن يُلخَّص.' }] };
    }
    return {
      ...draft,
      warnings: [
        ...draft.warnings,
        { code: 'not-arabic', message: 'The article is not in Arabic; nothing was composed. / المقال ليس بالعربية.' },
      ],
    };
  }
  return draft;
}

/** Whether the guard left the draft composable (no blocking warning). */
export function isComposable(draft: Draft): boolean {
  return !draft.warnings.some((w) => w.code === 'empty' || w.code === 'binary' || w.code === 'not-arabic' || w.code === 'too-short');
}
