/** Stage 5: turns each selected sentence into a bullet of at most `maxBulletWords` words (see compressSentence). */
import type { Bullet } from '../../core/types.js';
import { compressSentence } from '../compress.js';
import type { Draft } from '../draft.js';

/** Compresses the selected sentences into bullets, in document order. */
export function compressBullets(draft: Draft): Draft {
  const { maxBulletWords, compress } = draft.options;
  const bullets: Bullet[] = [];
  draft.selected.forEach((i, k) => {
    const s = draft.sentences[i]!;
    const text = compress
      ? compressSentence(s.text, { maxWords: draft.wordLimits[k] ?? maxBulletWords, minKeepShare: draft.options.minKeepShare })
      : s.text;
    if (text.length > 0) bullets.push({ text, section: s.section, sourceSentence: s.text });
  });
  return { ...draft, bullets };
}
