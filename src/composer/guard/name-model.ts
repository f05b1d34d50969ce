/** The shipped name model and threshold; written by `npm run train -- guard` (do not edit by hand). */
import type { NameModel } from './name-score.js';

/** Weights fitted on the tuning half of ../shared/eval/guard-dev.jsonl (373 labelled words). Features: log family, affix share, verb forms, verbal noun, off subject, after a name, inflected, near, length, log family if name-like, unknown, slot swapped, slot related, slot sides. */
export const NAME_MODEL: NameModel = {
  weights: [-3.384, -0.6033, 0.1315, -1.0496, -1.0465, 1.2343, 0.0792, -2.3141, -1.0862, 0.0386, -0.2198, 0.2811, 0.8746, -0.0155, 1.3204],
  mean: [4.611, 0.2875, 0.8311, 0.0804, 0.1797, 0.1394, 0.2922, 0.2252, 0.5075, 1.8728, 0.0724, 0.1394, 0.0295, 0.8123],
  scale: [2.0062, 0.3153, 1.0018, 0.272, 0.1559, 0.3464, 0.4548, 0.4177, 0.1446, 2.4423, 0.2591, 0.3464, 0.1692, 0.704],
};

/** The score at which a word is judged a name: the lowest at which the tuning half's standfirsts are rejected at most 9 % of the time. */
export const NAME_THRESHOLD = 0.76;
