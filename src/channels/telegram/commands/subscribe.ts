/**
 * /subscribe (alias /sub) and the subscribe button: subscribes the chat (or forum topic), or a
 * channel named by its @username from a private chat when the requester and the bot are its admins.
 */
import { Composer, GrammyError, type Context } from 'grammy';
import type { ChannelRef } from '../../../core/types.js';
import { arg, isAdmin, refOf, reply, topicsKeyboard, type CommandDeps } from '../chat.js';
import { TEXT } from '../texts.js';

/** Subscribes `ref` (keeping the time, zone and topics of a live subscription) and answers with the topic buttons. */
export async function subscribeChat(ctx: Context, deps: CommandDeps, ref: ChannelRef): Promise<void> {
  const sub = await deps.service.updateSubscription(deps.briefing, ref);
  // Managing another chat (a channel, from a private chat): the buttons name it.
  const target = ref.destination === String(ctx.chat?.id) ? undefined : ref.destination;
  await reply(ctx, TEXT.subscribed(sub.deliveryTime, sub.timeZone), { reply_markup: topicsKeyboard(deps.briefing, sub.topics, target) });
}

/** The /subscribe command and the subscribe button. */
export function subscribeCommand(deps: CommandDeps): Composer<Context> {
  const c = new Composer<Context>();
  c.command(['subscribe', 'sub'], async (ctx) => {
    const target = arg(ctx);
    if (target.startsWith('@') && ctx.chat?.type === 'private' && ctx.from) {
      // Subscribing a channel from a private chat: the requester must be its admin, and so must the bot.
      try {
        const chat = await ctx.api.getChat(target);
        const [member, me] = await Promise.all([ctx.api.getChatMember(chat.id, ctx.from.id), ctx.api.getChatMember(chat.id, ctx.me.id)]);
        const admin = (s: string): boolean => s === 'creator' || s === 'administrator';
        if (chat.type !== 'channel' || !admin(member.status) || !admin(me.status)) return void (await reply(ctx, TEXT.channelNotAdmin));
        return subscribeChat(ctx, deps, { platform: 'telegram', destination: String(chat.id) });
      } catch (err) {
        if (err instanceof GrammyError) return void (await reply(ctx, TEXT.channelNotAdmin));
        throw err;
      }
    }
    if (!(await isAdmin(ctx))) return void (await reply(ctx, TEXT.adminsOnly));
    await subscribeChat(ctx, deps, refOf(ctx)!);
  });
  c.callbackQuery('subscribe', async (ctx) => {
    await ctx.answerCallbackQuery();
    if (!(await isAdmin(ctx))) return void (await reply(ctx, TEXT.adminsOnly));
    await subscribeChat(ctx, deps, refOf(ctx)!);
  });
  return c;
}
