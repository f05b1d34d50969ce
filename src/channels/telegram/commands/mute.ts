/**
 * /mute <outlet>: an item only muted outlets reported no longer reaches the chat, and a muted
 * outlet's link goes from the others. For every subscription of the chat (see /unmute).
 */
import { Composer, type Context } from 'grammy';
import { MAX_FILTER_TEXT_CHARS, MAX_MUTED_OUTLETS } from '../../../core/subscriptions.js';
import { namesOfNoOutletToday, parseOutletNames } from '../../../service/index.js';
import { arg, briefingsOf, changeEvery, isAdmin, refOf, reply, textOf, type CommandDeps } from '../chat.js';
import { TEXT } from '../texts.js';

/** The /mute command (alone: shows the muted outlets and how to mute). */
export function muteCommand(deps: CommandDeps): Composer<Context> {
  const c = new Composer<Context>();
  c.command('mute', async (ctx) => {
    const names = parseOutletNames(arg(ctx, MAX_FILTER_TEXT_CHARS));
    if (names.length === 0) {
      const subs = await deps.service.subscriptionsOf(refOf(ctx)!);
      const muted = subs[0]?.filters?.muted ?? [];
      return void (await reply(ctx, muted.length ? `${TEXT.muted(muted.join('، '))}\n${TEXT.muteUsage}` : TEXT.muteUsage));
    }
    if (!(await isAdmin(ctx))) return void (await reply(ctx, TEXT.adminsOnly));
    const result = await changeEvery(deps, refOf(ctx)!, { mute: names });
    if ('error' in result) return void (await reply(ctx, result.error === 'not_subscribed' ? textOf(ctx).notSubscribed : TEXT.mutesFull(MAX_MUTED_OUTLETS)));
    // A name that matches no outlet of today's briefing is most likely not written as the stories show it.
    const unseen = await namesOfNoOutletToday(deps.service, briefingsOf(deps), result.subs, names);
    await reply(ctx, [TEXT.muted(result.subs[0]!.filters!.muted.join('، ')), ...(unseen.length ? [TEXT.mutedUnseen(unseen.map((n) => `«${n}»`).join('، '))] : [])].join('\n'));
  });
  return c;
}
