/** The shipped name model and threshold; written by `npm run train -- guard` (do not edit by hand). */
import type { NameModel } from './name-score.js';

/** Weights fitted on the tuning half of ../shared/eval/guard-dev.jsonl (373 labelled words). Features: log family, affix share, verb forms, verbal noun, off subject, after a name, inflected, near, length, log family if name-like, unknown. */
export const NAME_MODEL: NameModel = {
  weights: [-2.3627, -0.7235, 0.003, -0.9744, -1.1284, 0.9085, 0.4816, -2.0579, -0.8977, -0.4336, -0.2871, 0.337],
  mean: [4.611, 0.2875, 0.8311, 0.0804, 0.1797, 0.1394, 0.2922, 0.2252, 0.5075, 1.8728, 0.0724],
  scale: [2.0062, 0.3153, 1.0018, 0.272, 0.1559, 0.3464, 0.4548, 0.4177, 0.1446, 2.4423, 0.2591],
};

/** The score at which a word is judged a name: the lowest at which the tuning half's standfirsts are rejected at most 9 % of the time. */
export const NAME_THRESHOLD = 0.82;
