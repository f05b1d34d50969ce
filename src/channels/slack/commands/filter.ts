/**
 * /briefing filter +النفط -كرة adds words to every subscription of the channel (or of the person's
 * DM with the app); /briefing filter shows them; /briefing filter clear clears them. The service
 * parses, merges and matches; no user regex.
 */
import { MAX_FILTER_WORDS } from '../../../core/subscriptions.js';
import { changeEverySubscription, parseFilterText } from '../../../service/index.js';
import { SLACK_TEXT } from '../texts.js';
import { briefingsOf, type Subcommand, type SubcommandDeps } from './command.js';

/** The filter sub-command. */
export function filterSubcommand(deps: SubcommandDeps): Subcommand {
  return async (call) => {
    const say = (text: string): Promise<void> => call.ack({ response_type: 'ephemeral', text });
    const request = parseFilterText(call.args.join(' '));
    if (request.kind === 'show') {
      const subs = await deps.service.subscriptionsOf(call.ref);
      if (subs.length === 0) return say(SLACK_TEXT.notSubscribed);
      const lines = subs[0]!.filters ? SLACK_TEXT.filterLines(subs[0]!.filters) : '';
      return say(lines ? SLACK_TEXT.filters(lines) : SLACK_TEXT.noFilters);
    }
    if (request.kind === 'add' && request.include.length + request.exclude.length === 0) return say(`${SLACK_TEXT.ignoredWords(request.ignored)}\n${SLACK_TEXT.noFilters}`);
    const change = request.kind === 'clear' ? { clearWords: true } : { addWords: { include: request.include, exclude: request.exclude } };
    const result = await changeEverySubscription(deps.service, briefingsOf(deps), call.ref, change);
    if ('error' in result) return say(result.error === 'not_subscribed' ? SLACK_TEXT.notSubscribed : SLACK_TEXT.filtersFull(MAX_FILTER_WORDS));
    if (request.kind === 'clear') return say(SLACK_TEXT.filtersCleared);
    const notes = [
      ...(request.ignored.length ? [SLACK_TEXT.ignoredWords(request.ignored)] : []),
      ...(request.include.length && result.subs.some((s) => s.topics.length === 0) ? [SLACK_TEXT.includeNeedsTopics] : []),
    ];
    await say([SLACK_TEXT.filters(SLACK_TEXT.filterLines(result.subs[0]!.filters!)), ...notes].join('\n'));
  };
}
