import { describe, expect, it } from 'vitest';
import { classifyFeatures, shippedTopicModel, toTopicModel, TOPIC_MODEL_FORMAT, type TopicModelFile } from '../../src/composer/index.js';
import { BriefingError } from '../../src/core/errors.js';
import { TOPIC_CLASSES } from '../../src/core/topic-classes.js';
import { hashTrainerFiles, TOPIC_TRAINER_FILES } from '../../src/train/index.js';
import { ROOT } from '../helpers.js';

describe('shippedTopicModel', () => {
  const model = shippedTopicModel();

  it('loads the shipped model file with the six classes and a calibrated temperature', () => {
    expect(model.file.format).toBe(TOPIC_MODEL_FORMAT);
    expect([...model.classes]).toEqual([...TOPIC_CLASSES]);
    expect(model.weights.size).toBeGreaterThan(1000);
    expect(model.weights.size).toBeLessThanOrEqual(6000);
    expect(model.temperature).toBeGreaterThan(0);
    expect(model.file.data.rows).toBe(10301);
    expect(model.file.data.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('holds single stems, never a phrase or sentence of the corpus', () => {
    for (const stem of model.weights.keys()) {
      expect(stem).not.toMatch(/\s/);
      expect(stem.length).toBeLessThanOrEqual(30);
    }
  });

  // The model must be rebuilt when its trainer changes: `npm run train -- topics` (needs ../shared).
  it('records the sha256 of every trainer file as it is now', () => {
    expect(Object.keys(model.file.trainer)).toEqual([...TOPIC_TRAINER_FILES]);
    const now = hashTrainerFiles(ROOT);
    for (const path of TOPIC_TRAINER_FILES) {
      expect(model.file.trainer[path], `${path} changed since the model was trained: run \`npm run train -- topics\` and commit the model`).toBe(now[path]);
    }
  });
});

/** A two-class model written by hand: "رياضة" → sport, "اقتصاد" → economy. */
function tinyModel(): TopicModelFile {
  return {
    format: TOPIC_MODEL_FORMAT,
    method: 'hand-made',
    classes: ['sport', 'economy'],
    features: { titleWeight: 3, maxTextWords: 10 },
    scale: 100,
    priors: [0, 0],
    temperature: 1,
    vocabulary: [
      ['مباراه', 100, -100],
      ['اسواق', -100, 100],
    ],
    data: { file: 'none', rows: 0, sha256: '' },
    trainer: {},
  };
}

describe('toTopicModel', () => {
  it('scores stem counts as a softmax of log prior plus count times weight, over the temperature', () => {
    const model = toTopicModel(tinyModel());
    const r = classifyFeatures(new Map([['مباراه', 1]]), model);
    // Scores 1 and -1: p(sport) = e / (e + 1/e).
    expect(r.probabilities.sport).toBeCloseTo(Math.exp(1) / (Math.exp(1) + Math.exp(-1)), 10);
    expect(r.label).toBe('sport');
    expect(r.probabilities.culture).toBe(0);
    const hot = classifyFeatures(new Map([['مباراه', 1]]), { ...model, temperature: 2 });
    expect(hot.confidence).toBeCloseTo(Math.exp(0.5) / (Math.exp(0.5) + Math.exp(-0.5)), 10);
  });

  it('refuses a model of another format, an unknown class or a short row, saying how to rebuild it', () => {
    const bad = (f: unknown): BriefingError => {
      try {
        toTopicModel(f);
      } catch (err) {
        return err as BriefingError;
      }
      throw new Error('expected an error');
    };
    expect(bad({ ...tinyModel(), format: 'other' }).message).toMatch(/format "other".*npm run train -- topics/);
    expect(bad({ ...tinyModel(), classes: ['sport', 'weather'] }).message).toMatch(/unknown class "weather"/);
    expect(bad({ ...tinyModel(), vocabulary: [['مباراه', 1]] }).message).toMatch(/a stem and 2 weights/);
    expect(bad(null).code).toBe('bad_topic_model');
  });
});
