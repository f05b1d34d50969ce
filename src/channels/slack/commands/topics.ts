/**
 * /briefing topics [briefing…] [topic…]: without topics, each subscription of the channel (or of
 * the person's DM with the app) with its briefing's topics, those chosen marked (none chosen is
 * every topic); with topics (titles with or without the article, or ids), they become the chosen
 * ones of the subscription to the briefing named first, else of every subscription whose briefing
 * has them; «الكل» (or «all») goes back to every topic. A subscription receives its topics and the
 * stories its +words match, less its -words and muted outlets.
 */
import { MAX_TOPICS } from '../../../core/subscriptions.js';
import type { BriefingDefinition, Subscription } from '../../../core/types.js';
import { pickBriefings, pickTopics } from '../../../service/index.js';
import { SLACK_TEXT } from '../texts.js';
import { briefingsOf, placeOf, type Subcommand, type SubcommandDeps } from './command.js';

/**
 * The briefings named by the longest leading run of `words`, and the words after it; none named:
 * no briefings and every word. Words that all name topics of these briefings are topics (a topic
 * «اقتصاد» is not read as a briefing «موجز الاقتصاد»).
 */
function leadingBriefings(words: readonly string[], all: readonly BriefingDefinition[], subscribed: readonly BriefingDefinition[]): { named: BriefingDefinition[]; rest: string[] } {
  const text = words.join(' ');
  if (words.length > 0 && subscribed.some((d) => pickTopics(text, d).unknown.length === 0)) return { named: [], rest: [...words] };
  for (let n = words.length; n >= 1; n--) {
    const picked = pickBriefings(words.slice(0, n).join(' '), all);
    if (picked.found.length > 0 && picked.unknown.length === 0) return { named: picked.found, rest: words.slice(n) };
  }
  return { named: [], rest: [...words] };
}

/**
 * Whether `/briefing topics` with these words only shows topics: no words, or words that all name
 * briefings and none that could be read as topics of any briefing (then it may change them, and
 * changesBy 'admins' holds).
 */
export function topicsOnlyShows(args: readonly string[], all: readonly BriefingDefinition[]): boolean {
  if (args.length === 0) return true;
  const text = args.join(' ');
  const picked = pickBriefings(text, all);
  return picked.found.length > 0 && picked.unknown.length === 0 && !all.some((d) => {
    const topics = pickTopics(text, d);
    return topics.all || topics.ids.length > 0;
  });
}

/** The topics sub-command. */
export function topicsSubcommand(deps: SubcommandDeps): Subcommand {
  return async (call) => {
    const say = (text: string): Promise<void> => call.ack({ response_type: 'ephemeral', text });
    const all = briefingsOf(deps);
    // In the order the briefings are configured, the default first.
    const held = await deps.service.subscriptionsOf(call.ref);
    const subs = all.flatMap((def) => held.filter((s) => s.briefingId === def.id).map((sub) => ({ sub, def })));
    if (subs.length === 0) return say(SLACK_TEXT.notSubscribed);
    const { named, rest } = leadingBriefings(call.args, all, subs.map((s) => s.def));
    const missing = named.filter((d) => !subs.some((s) => s.def === d));
    if (missing.length > 0) return say(SLACK_TEXT.notSubscribedTo(placeOf(call), missing.map((d) => d.title), subs.map((s) => s.def.title)));
    const targets = named.length > 0 ? subs.filter((s) => named.includes(s.def)) : subs;

    if (rest.length === 0) {
      const shown = targets.map(({ sub, def }) => SLACK_TEXT.topicsOf(def.title, def.topics.map((t) => ({ id: t.id, title: t.title, chosen: sub.topics.includes(t.id) })), sub.topics.filter((id) => !def.topics.some((t) => t.id === id))));
      const example = targets.find((s) => s.def.topics.length > 0);
      if (!example) return say(shown.join('\n\n'));
      return say([...shown, SLACK_TEXT.topicsUsage(example.def.topics.slice(0, 2).map((t) => t.title).join('، '), subs.length > 1 ? example.def.id : undefined)].join('\n\n'));
    }

    const text = rest.join(' ');
    const picks = targets.map((t) => ({ ...t, picked: pickTopics(text, t.def) }));
    const changes: { target: (typeof picks)[number]; topics: string[] }[] = [];
    if (picks.some((p) => p.picked.all)) {
      for (const p of picks) changes.push({ target: p, topics: [] });
    } else {
      // A word is unknown when no target's briefing has a topic by that name.
      const unknown = picks.map((p) => p.picked.unknown).reduce((left, words) => left.filter((w) => words.includes(w)));
      if (unknown.length > 0) {
        const valid = targets.map(({ def }) => SLACK_TEXT.validTopics(targets.length > 1 ? def.title : undefined, def.topics));
        return say(SLACK_TEXT.unknownTopics(unknown, valid));
      }
      for (const p of picks) if (p.picked.ids.length > 0) changes.push({ target: p, topics: p.picked.ids });
    }
    // A briefing may have more topics than a subscription keeps: say so rather than fail.
    if (changes.some((c) => c.topics.length > MAX_TOPICS)) return say(SLACK_TEXT.topicsFull(MAX_TOPICS));
    const lines: string[] = [];
    for (const { target, topics } of changes) {
      const saved: Subscription = await deps.service.updateSubscription(target.def, call.ref, { topics });
      const chosen = saved.topics.map((id) => target.def.topics.find((t) => t.id === id)?.title ?? id);
      lines.push(chosen.length > 0 ? SLACK_TEXT.topicsChosen(target.def.title, chosen) : SLACK_TEXT.topicsAll(target.def.title));
    }
    const untouched = picks.filter((p) => !changes.some((c) => c.target === p));
    if (untouched.length > 0) lines.push(SLACK_TEXT.topicsUntouched(untouched.map((p) => p.def.title)));
    await say(lines.join('\n'));
  };
}
