/** The classes of the topic classifier: the section labels of the training data. Depends on nothing. */

/**
 * The six classes, spelled as the `category` values of the training data (ANT corpus sections):
 * Middle East politics, world news, economy, sport, technology (with science and health), culture.
 * The briefing config, the classifier and the eval share this one list.
 */
export const TOPIC_CLASSES = ['middleEast', 'internationalNews', 'economy', 'sport', 'technology', 'culture'] as const;

/** One class of {@link TOPIC_CLASSES}. */
export type TopicClass = (typeof TOPIC_CLASSES)[number];

/** Whether a string is one of the classifier's classes: isTopicClass('sport') → true, isTopicClass('رياضة') → false. */
export function isTopicClass(value: string): value is TopicClass {
  return (TOPIC_CLASSES as readonly string[]).includes(value);
}

/**
 * What the classifier made of one article: the most probable class and its probability, or
 * `label: null` when that probability is below the classifier's threshold (the story then goes
 * under «منوعات» unless a keyword or a feed category places it). `probabilities` holds every class.
 */
export interface TopicClassification {
  label: TopicClass | null;
  /** Probability of the most probable class, 0..1 (also when it is below the threshold). */
  confidence: number;
  probabilities: Record<TopicClass, number>;
}
