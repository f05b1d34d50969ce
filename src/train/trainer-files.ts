/** The source files whose code decides the topic model's bytes, and their sha256 (recorded in the model file, compared by a test). */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Paths from the project root: the trainer, the features it and the classifier share, and the
 * Arabic toolkit those use. Changing any of them can change the model, so the model records their
 * hashes and `npm test` fails until it is rebuilt.
 */
export const TOPIC_TRAINER_FILES = [
  'src/train/train-topics.ts',
  'src/composer/topics/topic-features.ts',
  'src/composer/text-features.ts',
  'src/arabic/normalize.ts',
  'src/arabic/tokenize.ts',
  'src/arabic/stem.ts',
  'src/arabic/stopwords.ts',
] as const;

/** sha256 (hex) of bytes. */
export function sha256(bytes: string | Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** sha256 of each trainer file, by its path from `root`. */
export function hashTrainerFiles(root: string): Record<string, string> {
  return Object.fromEntries(TOPIC_TRAINER_FILES.map((p) => [p, sha256(readFileSync(join(root, p)))]));
}
