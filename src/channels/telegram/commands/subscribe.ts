/**
 * /subscribe [briefing…] (alias /sub) and the subscribe button: subscribes the chat (or forum
 * topic) to the default briefing or to the briefings named, or a channel named by its @username
 * from a private chat when the requester and the bot are its admins.
 */
import { Composer, GrammyError, type Context } from 'grammy';
import type { BriefingDefinition, ChannelRef } from '../../../core/types.js';
import { pickBriefings } from '../../../service/index.js';
import { arg, briefingsOf, isAdmin, refOf, reply, textOf, topicsKeyboard, type CommandDeps } from '../chat.js';
import { TEXT } from '../texts.js';

/**
 * Subscribes `ref` to `definition` (default: the default briefing), keeping the time, zone,
 * topics and filters of a live subscription, and answers with the topic buttons. Another chat
 * than the one asking (a channel, from a private chat) is named by `channelTitle`: the answer says
 * the channel is subscribed and that its buttons, not /time or /topics typed here, set it.
 */
export async function subscribeChat(ctx: Context, deps: CommandDeps, ref: ChannelRef, definition: BriefingDefinition = deps.briefing, channelTitle?: string): Promise<void> {
  // Subscribing again resumes a paused subscription.
  const sub = await deps.service.updateSubscription(definition, ref, { resume: true });
  // Managing another chat (a channel, from a private chat): the buttons name it.
  const target = ref.destination === String(ctx.chat?.id) ? undefined : ref.destination;
  const other = definition.id !== deps.briefing.id;
  const text = target
    ? TEXT.channelSubscribed(channelTitle ?? target, definition.title, sub.deliveryTime, sub.timeZone)
    : other || (deps.briefings?.length ?? 0) > 1
      ? textOf(ctx).subscribedTo(definition.title, sub.deliveryTime, sub.timeZone)
      : textOf(ctx).subscribed(sub.deliveryTime, sub.timeZone);
  await reply(ctx, text, { reply_markup: topicsKeyboard(definition, sub.topics, target, other) });
}

/** A command's words with a channel named first by its @username, or by its link (t.me/news_channel) as people paste it. */
export function channelArg(words: string): { text: string; channel?: string } {
  const text = words.replace(/^(?:https?:\/\/)?(?:t|telegram)\.me\/([A-Za-z0-9_]{4,32})\/?(?=\s|$)/i, '@$1');
  return text.startsWith('@') ? { text, channel: text.split(/\s+/)[0]! } : { text };
}

/** The briefings named after /subscribe (the default one when none is), or the words that named none. */
function named(deps: CommandDeps, text: string): { found: BriefingDefinition[]; unknown: string[] } {
  return text ? pickBriefings(text, briefingsOf(deps)) : { found: [deps.briefing], unknown: [] };
}

/** The /subscribe command and the subscribe button. */
export function subscribeCommand(deps: CommandDeps): Composer<Context> {
  const c = new Composer<Context>();
  c.command(['subscribe', 'sub'], async (ctx) => {
    const { text, channel } = channelArg(arg(ctx));
    const picked = named(deps, channel ? text.slice(channel.length).trim() : text);
    if (picked.unknown.length > 0 || picked.found.length === 0) return void (await reply(ctx, TEXT.unknownBriefing(picked.unknown.join(' ') || text)));
    // A channel is subscribed from a private chat with the bot (or by a post in the channel), never from a group.
    if (channel && ctx.chat?.type !== 'private') return void (await reply(ctx, TEXT.channelFromPrivate(channel)));
    if (channel && ctx.chat?.type === 'private' && ctx.from) {
      // Subscribing a channel from a private chat: the requester must be its admin, and so must the bot.
      try {
        const chat = await ctx.api.getChat(channel);
        const [member, me] = await Promise.all([ctx.api.getChatMember(chat.id, ctx.from.id), ctx.api.getChatMember(chat.id, ctx.me.id)]);
        const admin = (s: string): boolean => s === 'creator' || s === 'administrator';
        if (chat.type !== 'channel' || !admin(member.status) || !admin(me.status)) return void (await reply(ctx, TEXT.channelNotAdmin));
        // An admin without the right to post (can_post_messages off) cannot deliver: the first briefing would fail and pause it.
        if (me.status === 'administrator' && me.can_post_messages === false) return void (await reply(ctx, TEXT.channelCannotPost));
        for (const def of picked.found) await subscribeChat(ctx, deps, { platform: 'telegram', destination: String(chat.id) }, def, ('title' in chat && chat.title) || channel);
        return;
      } catch (err) {
        if (err instanceof GrammyError) return void (await reply(ctx, TEXT.channelNotAdmin));
        throw err;
      }
    }
    if (!(await isAdmin(ctx))) return void (await reply(ctx, TEXT.adminsOnly));
    for (const def of picked.found) await subscribeChat(ctx, deps, refOf(ctx)!, def);
  });
  c.callbackQuery('subscribe', async (ctx) => {
    // A member who may not subscribe the group is told on the button, not in front of the group.
    if (!(await isAdmin(ctx))) return void (await ctx.answerCallbackQuery({ text: TEXT.adminsOnly }));
    await ctx.answerCallbackQuery();
    await subscribeChat(ctx, deps, refOf(ctx)!);
  });
  return c;
}
