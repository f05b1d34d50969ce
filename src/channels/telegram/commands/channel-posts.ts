/**
 * A channel subscribes or unsubscribes itself with a "/subscribe [briefing…]" or
 * "/unsubscribe [briefing…]" channel post (only its admins can post); "/unsubscribe" alone asks first.
 */
import { Composer, type Context } from 'grammy';
import { pickBriefings } from '../../../service/index.js';
import { briefingsOf, refOf, reply, textOf, type CommandDeps } from '../chat.js';
import { TEXT } from '../texts.js';
import { subscribeChat } from './subscribe.js';
import { askToStopAll } from './unsubscribe.js';

/** Commands posted in a channel. */
export function channelPostCommands(deps: CommandDeps): Composer<Context> {
  const c = new Composer<Context>();
  c.on('channel_post:text', async (ctx) => {
    const m = /^\/(subscribe|sub|unsubscribe|stop)(?:@(\w+))?(?:\s+([^]*))?$/i.exec(ctx.channelPost.text.slice(0, 200));
    // «/unsubscribe@other_bot» is for another bot the channel has: it must not end this one's subscription.
    if (!m || (m[2] !== undefined && m[2].toLowerCase() !== ctx.me.username.toLowerCase())) return;
    const ref = refOf(ctx)!;
    const names = (m[3] ?? '').trim();
    const picked = names ? pickBriefings(names, briefingsOf(deps)) : undefined;
    if (picked && (picked.unknown.length > 0 || picked.found.length === 0)) return void (await reply(ctx, TEXT.unknownBriefing(picked.unknown.join(' ') || names)));
    const command = m[1]!.toLowerCase();
    if (command === 'subscribe' || command === 'sub') {
      for (const def of picked?.found ?? [deps.briefing]) await subscribeChat(ctx, deps, ref, def);
      return;
    }
    // Every briefing of the channel: asked first, as in a chat.
    if (!picked) return askToStopAll(ctx, deps, ref);
    for (const def of picked.found) await deps.service.unsubscribe(ref, def.id);
    await reply(ctx, textOf(ctx).unsubscribed);
  });
  return c;
}
