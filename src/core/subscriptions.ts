/** Validation of subscription input, shared by every store and the service. */
import { isValidHhmm, isValidTimeZone } from './time.js';
import type { SubscriptionInput } from './types.js';

/** Longest topic list and topic keyword accepted. */
export const MAX_TOPICS = 20;
const MAX_TOPIC_CHARS = 64;
/** Most +words and -words together, and most muted outlets, a subscription keeps; and their longest. */
export const MAX_FILTER_WORDS = 20;
export const MAX_MUTED_OUTLETS = 20;
export const MAX_FILTER_WORD_CHARS = 64;
/** The longest text of a /filter or /mute command read: room for every word or outlet at its longest, with its sign and a separator. */
export const MAX_FILTER_TEXT_CHARS = Math.max(MAX_FILTER_WORDS, MAX_MUTED_OUTLETS) * (MAX_FILTER_WORD_CHARS + 2);

/**
 * The problems of a subscription input, as short English sentences naming the field and what is
 * expected; empty when it is valid.
 */
export function subscriptionProblems(input: SubscriptionInput): string[] {
  const problems: string[] = [];
  if (!['telegram', 'slack', 'console'].includes(input.platform)) problems.push(`platform: expected telegram, slack or console, got "${input.platform}"`);
  if (!input.destination || input.destination.length > 128) problems.push('destination: expected a chat or channel id');
  if (!input.briefingId) problems.push('briefingId: expected a briefing id');
  if (!isValidHhmm(input.deliveryTime)) problems.push(`deliveryTime: expected HH:MM (24-hour) such as "07:30", got "${input.deliveryTime}"`);
  if (!isValidTimeZone(input.timeZone)) problems.push(`timeZone: expected an IANA time zone such as "Asia/Riyadh", got "${input.timeZone}"`);
  const topics = input.topics ?? [];
  if (topics.length > MAX_TOPICS || topics.some((t) => t.length === 0 || t.length > MAX_TOPIC_CHARS)) {
    problems.push(`topics: expected at most ${MAX_TOPICS} topics of 1 to ${MAX_TOPIC_CHARS} characters`);
  }
  if (input.filters) {
    const { include, exclude, muted } = input.filters;
    const words = [...include, ...exclude];
    if (words.length > MAX_FILTER_WORDS || words.some((w) => w.length === 0 || w.length > MAX_FILTER_WORD_CHARS)) {
      problems.push(`filters: expected at most ${MAX_FILTER_WORDS} words of 1 to ${MAX_FILTER_WORD_CHARS} characters`);
    }
    if (muted.length > MAX_MUTED_OUTLETS || muted.some((w) => w.length === 0 || w.length > MAX_FILTER_WORD_CHARS)) {
      problems.push(`filters: expected at most ${MAX_MUTED_OUTLETS} muted outlets of 1 to ${MAX_FILTER_WORD_CHARS} characters`);
    }
  }
  return problems;
}
