/** The shipped name model and threshold; written by `npm run train -- guard` (do not edit by hand). */
import type { NameModel } from './name-score.js';

/** Weights fitted on the tuning half of ../shared/eval/guard-dev.jsonl (373 labelled words). Features: log family, affix share, verb forms, verbal noun, off subject, after a name, inflected, near, length, log family if name-like, unknown, slot swapped, slot related, slot sides, slot title, side title, rooted. */
export const NAME_MODEL: NameModel = {
  weights: [-3.7607, -0.068, -0.3866, -1.0767, -1.0871, 1.0633, -0.1123, -1.8418, -0.8426, 0.3453, -0.1425, 0.3915, 0.5189, 0.053, 0.847, 0.5534, 0.9779, -1.4012],
  mean: [4.611, 0.2875, 0.8311, 0.0804, 0.1797, 0.1394, 0.2922, 0.2252, 0.5075, 1.8728, 0.0724, 0.1394, 0.0295, 0.8123, 0.1072, 0.2654, 0.2869],
  scale: [2.0062, 0.3153, 1.0018, 0.272, 0.1559, 0.3464, 0.4548, 0.4177, 0.1446, 2.4423, 0.2591, 0.3464, 0.1692, 0.704, 0.3094, 0.4416, 0.4523],
};

/** The score at which a word is judged a name: the lowest at which the tuning half's standfirsts are rejected at most 8 % of the time. */
export const NAME_THRESHOLD = 0.62;
