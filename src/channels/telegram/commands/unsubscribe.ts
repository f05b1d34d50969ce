/**
 * /unsubscribe [briefing…] (alias /stop): the chat's subscriptions end (those named at once; with
 * none named, which is what the command menu sends, every one once confirmed with a button). In a
 * private chat, /unsubscribe @channel [briefing…] ends a channel's, for one of its admins: the
 * way back for a channel subscribed from here (with no briefing named, asked first the same way,
 * naming the channel).
 */
import { Composer, GrammyError, InlineKeyboard, type Context } from 'grammy';
import type { ChannelRef } from '../../../core/types.js';
import { pickBriefings } from '../../../service/index.js';
import { arg, briefingsOf, buttonTarget, definitionOf, isAdmin, refOf, reply, rtlSafe, textOf, type CommandDeps } from '../chat.js';
import { TEXT } from '../texts.js';
import { channelArg } from './subscribe.js';

/** A channel managed from a private chat: its id, its title, and its name as typed (@name). */
interface NamedChannel {
  id: string;
  title: string;
  typed: string;
}

/**
 * Every briefing of the chat (or forum topic, or channel) stopping is asked first: what would
 * stop, and the buttons «نعم، أوقف الكل» (unsub:all) and «إلغاء» (unsub:cancel). Nothing to stop:
 * says so. A channel named from a private chat is named in the question, and its buttons carry
 * its id (unsub:all@-100…), so that the press stops the channel's, not the private chat's.
 */
export async function askToStopAll(ctx: Context, deps: CommandDeps, ref: ChannelRef, channel?: NamedChannel): Promise<void> {
  const subs = await deps.service.subscriptionsOf(ref);
  if (subs.length === 0) return void (await reply(ctx, channel ? TEXT.channelNotSubscribed(channel.title, '') : textOf(ctx).notSubscribed));
  const names = subs.map((s) => `«${definitionOf(deps, s.briefingId)?.title ?? s.briefingId}»`).join('، ');
  const at = channel ? `@${channel.id}` : '';
  const buttons = new InlineKeyboard().text(TEXT.unsubscribeYes, `unsub:all${at}`).text(TEXT.unsubscribeNo, `unsub:cancel${at}`);
  const example = subs.length > 1 ? subs[0]!.briefingId : undefined;
  const question = channel ? TEXT.channelUnsubscribeAsk(channel.title, names, example && `${channel.typed} ${example}`) : textOf(ctx).unsubscribeAsk(names, example);
  await reply(ctx, question, { reply_markup: buttons });
}

/** The /unsubscribe command. */
export function unsubscribeCommand(deps: CommandDeps): Composer<Context> {
  const c = new Composer<Context>();
  c.command(['unsubscribe', 'stop'], async (ctx) => {
    const { text: words, channel } = channelArg(arg(ctx));
    if (channel && ctx.chat?.type !== 'private') return void (await reply(ctx, TEXT.channelFromPrivate(channel, 'unsubscribe')));
    let ref: ChannelRef;
    let title: string | undefined;
    if (channel && ctx.from) {
      // A channel's subscription, from a private chat: the requester must be its admin (the bot need not be any more).
      try {
        const chat = await ctx.api.getChat(channel);
        const member = await ctx.api.getChatMember(chat.id, ctx.from.id);
        if (chat.type !== 'channel' || (member.status !== 'creator' && member.status !== 'administrator')) return void (await reply(ctx, TEXT.channelNotAdminUnsubscribe));
        ref = { platform: 'telegram', destination: String(chat.id) };
        title = chat.title || channel;
      } catch (err) {
        if (err instanceof GrammyError) return void (await reply(ctx, TEXT.channelNotAdminUnsubscribe));
        throw err;
      }
    } else {
      if (!(await isAdmin(ctx))) return void (await reply(ctx, TEXT.adminsOnly));
      ref = refOf(ctx)!;
    }
    const text = channel ? words.slice(channel.length).trim() : words;
    // Nothing named (what the command menu sends): asked first, in the chat itself or for the channel named.
    if (!text) return askToStopAll(ctx, deps, ref, title === undefined ? undefined : { id: ref.destination, title, typed: channel! });
    const picked = pickBriefings(text, briefingsOf(deps));
    if (picked.unknown.length > 0 || picked.found.length === 0) return void (await reply(ctx, TEXT.unknownBriefing(picked.unknown.join(' ') || text)));
    const ids = picked.found.map((d) => d.id);
    let had = false;
    for (const id of ids) had = (await deps.service.unsubscribe(ref, id)) || had;
    // Leaving one briefing of several: say which went and which still come.
    const left = (await deps.service.subscriptionsOf(ref)).map((s) => `«${definitionOf(deps, s.briefingId)?.title ?? s.briefingId}»`);
    const named = ids.map((id) => `«${definitionOf(deps, id)?.title ?? id}»`).join('، ');
    if (title !== undefined) return void (await reply(ctx, had ? TEXT.channelUnsubscribed(title, left.join('، ')) : TEXT.channelNotSubscribed(title, named)));
    const t = textOf(ctx);
    if (left.length === 0) return void (await reply(ctx, had ? t.unsubscribed : t.notSubscribed));
    await reply(ctx, had ? t.unsubscribedFrom(named, left.join('، ')) : t.notSubscribedTo(named, left.join('، ')));
  });
  // The answer to askToStopAll, from someone who may change the chat's (or the channel's) subscriptions.
  c.callbackQuery(/^unsub:(all|cancel)(?:@(-?\d+))?$/, async (ctx) => {
    const ref = await buttonTarget(ctx, ctx.match[2]);
    if (!ref) return void (await ctx.answerCallbackQuery({ text: TEXT.adminsOnly }));
    // The question becomes the answer (its buttons go); a question that can no longer be edited gets the answer below it.
    const answer = (text: string): Promise<unknown> => ctx.editMessageText(rtlSafe(text)).catch(() => reply(ctx, text));
    if (ctx.match[1] === 'cancel') {
      await ctx.answerCallbackQuery();
      return void (await answer(TEXT.unsubscribeCancelled));
    }
    const subs = await deps.service.subscriptionsOf(ref);
    if (subs.length === 0) {
      await ctx.answerCallbackQuery({ text: TEXT.nothingToStop });
      return void (await ctx.editMessageReplyMarkup().catch(() => undefined));
    }
    for (const s of subs) await deps.service.unsubscribe(ref, s.briefingId);
    await ctx.answerCallbackQuery();
    if (ctx.match[2] === undefined) return void (await answer(textOf(ctx).unsubscribed));
    // A channel's, from a private chat: named as the question named it (its title asked again).
    const chat = await ctx.api.getChat(Number(ctx.match[2])).catch(() => undefined);
    await answer(TEXT.channelUnsubscribed(chat && 'title' in chat ? chat.title : undefined, ''));
  });
  return c;
}
