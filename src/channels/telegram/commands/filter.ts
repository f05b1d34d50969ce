/**
 * /filter: `/filter +النفط -كرة` adds words to every subscription of the chat (a +word adds the
 * items that mention it to the chosen topics, a -word leaves them out), `/filter` shows them,
 * `/filter clear` clears them. The service parses, merges and matches; no user regex.
 */
import { Composer, type Context } from 'grammy';
import { MAX_FILTER_TEXT_CHARS, MAX_FILTER_WORDS } from '../../../core/subscriptions.js';
import { parseFilterText } from '../../../service/index.js';
import { arg, changeEvery, isAdmin, refOf, reply, textOf, type CommandDeps } from '../chat.js';
import { TEXT } from '../texts.js';

/** The /filter command. */
export function filterCommand(deps: CommandDeps): Composer<Context> {
  const c = new Composer<Context>();
  c.command('filter', async (ctx) => {
    const ref = refOf(ctx)!;
    const request = parseFilterText(arg(ctx, MAX_FILTER_TEXT_CHARS));
    if (request.kind === 'show') {
      const subs = await deps.service.subscriptionsOf(ref);
      if (subs.length === 0) return void (await reply(ctx, textOf(ctx).notSubscribed));
      const lines = subs[0]!.filters ? TEXT.filterLines(subs[0]!.filters) : '';
      return void (await reply(ctx, lines ? TEXT.filters(lines) : TEXT.noFilters));
    }
    if (!(await isAdmin(ctx))) return void (await reply(ctx, TEXT.adminsOnly));
    if (request.kind === 'add' && request.include.length + request.exclude.length === 0) {
      // Nothing to keep: say which words were set aside (a lone sign is none), then the words the chat has, not «no words» when it has some.
      const subs = await deps.service.subscriptionsOf(ref);
      const lines = subs[0]?.filters ? TEXT.filterLines(subs[0].filters) : '';
      const words = request.ignored.filter((w) => w.replace(/[\u0640\p{P}\p{S}\s]/gu, '') !== '');
      return void (await reply(ctx, [...(words.length ? [TEXT.ignoredWords(words.join(' '))] : []), lines ? TEXT.filters(lines) : TEXT.noFilters].join('\n')));
    }
    const change = request.kind === 'clear' ? { clearWords: true } : { addWords: { include: request.include, exclude: request.exclude } };
    const result = await changeEvery(deps, ref, change);
    if ('error' in result) return void (await reply(ctx, result.error === 'not_subscribed' ? textOf(ctx).notSubscribed : TEXT.filtersFull(MAX_FILTER_WORDS)));
    if (request.kind === 'clear') return void (await reply(ctx, TEXT.filtersCleared));
    const saved = result.subs[0]!;
    const notes = [
      ...(request.ignored.length ? [TEXT.ignoredWords(request.ignored.join(' '))] : []),
      ...(request.include.length && result.subs.some((s) => s.topics.length === 0) ? [TEXT.includeNeedsTopics] : []),
    ];
    await reply(ctx, [TEXT.filters(TEXT.filterLines(saved.filters!)), ...notes].join('\n\n'));
  });
  return c;
}
