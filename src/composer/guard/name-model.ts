/** The shipped name model and threshold; written by `npm run train -- guard` (do not edit by hand). */
import type { NameModel } from './name-score.js';

/** Weights fitted on the tuning half of ../shared/eval/guard-dev.jsonl (373 labelled words). Features: log family, affix share, verb forms, verbal noun, off subject, after a name, inflected, near, length, log family if name-like, unknown. */
export const NAME_MODEL: NameModel = {
  weights: [-2.3655, -0.7222, 0.0077, -0.9693, -1.1279, 0.909, 0.4809, -2.0579, -0.9025, -0.433, -0.2855, 0.3395],
  mean: [4.611, 0.2875, 0.8311, 0.0804, 0.1797, 0.1394, 0.2922, 0.2279, 0.5075, 1.8728, 0.0724],
  scale: [2.0062, 0.3153, 1.0018, 0.272, 0.1559, 0.3464, 0.4548, 0.4195, 0.1446, 2.4423, 0.2591],
};

/** The score at which a word is judged a name: the lowest at which the tuning half's standfirsts are rejected at most 9 % of the time. */
export const NAME_THRESHOLD = 0.82;
