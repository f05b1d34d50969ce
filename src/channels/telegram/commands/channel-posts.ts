/** A channel subscribes or unsubscribes itself with a "/subscribe" or "/unsubscribe" channel post. */
import { Composer, type Context } from 'grammy';
import { refOf, reply, type CommandDeps } from '../chat.js';
import { TEXT } from '../texts.js';
import { subscribeChat } from './subscribe.js';

/** Commands posted in a channel (only its admins can post). */
export function channelPostCommands(deps: CommandDeps): Composer<Context> {
  const c = new Composer<Context>();
  c.on('channel_post:text', async (ctx) => {
    if (/^\/(subscribe|sub)(@\w+)?\b/.test(ctx.channelPost.text)) await subscribeChat(ctx, deps, refOf(ctx)!);
    else if (/^\/(unsubscribe|stop)(@\w+)?\b/.test(ctx.channelPost.text)) {
      await deps.service.unsubscribe(refOf(ctx)!, deps.briefing.id);
      await reply(ctx, TEXT.unsubscribed);
    }
  });
  return c;
}
