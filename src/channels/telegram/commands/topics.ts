/**
 * /topics [briefing] and the topic buttons: a tap adds or removes a topic of the briefing. Without
 * a briefing named, the default one when the chat subscribes to it or to none, else the one it
 * subscribes to (with several, it asks which).
 */
import { Composer, type Context } from 'grammy';
import { pickBriefings, unnamedBriefings } from '../../../service/index.js';
import { arg, briefingsOf, buttonTarget, definitionOf, refOf, reply, textOf, topicPage, topicsKeyboard, type CommandDeps } from '../chat.js';
import { TEXT } from '../texts.js';

/** The /topics command and the topic buttons. */
export function topicsCommand(deps: CommandDeps): Composer<Context> {
  const c = new Composer<Context>();
  c.command('topics', async (ctx) => {
    const named = arg(ctx);
    // No briefing named: the default one when the chat subscribes to it or to none, else the one it subscribes to.
    const unnamed = named ? [] : unnamedBriefings(deps, await deps.service.subscriptionsOf(refOf(ctx)!));
    if (unnamed.length > 1) return void (await reply(ctx, TEXT.whichBriefing(unnamed.map((d) => `«${d.title}» (${d.id})`).join('، '), `/topics ${unnamed[0]!.id}`)));
    const picked = named ? pickBriefings(named, briefingsOf(deps)) : { found: unnamed, unknown: [] };
    if (picked.unknown.length > 0 || picked.found.length === 0) return void (await reply(ctx, TEXT.unknownBriefing(named)));
    for (const def of picked.found) {
      const sub = await deps.service.subscription(refOf(ctx)!, def.id);
      const other = def.id !== deps.briefing.id;
      await reply(ctx, other ? `«${def.title}»\n${TEXT.topicsTitle}` : TEXT.topicsTitle, { reply_markup: topicsKeyboard(def, sub?.topics ?? [], undefined, other) });
    }
  });
  c.callbackQuery(/^topic:([^@~]+)(?:~([^@]+))?(?:@(-?\d+))?$/, async (ctx) => {
    const target = await buttonTarget(ctx, ctx.match[3]);
    if (!target) return void (await ctx.answerCallbackQuery({ text: TEXT.adminsOnly }));
    const def = ctx.match[2] ? definitionOf(deps, ctx.match[2]) : deps.briefing;
    const id = ctx.match[1]!;
    // A topic taken out of the briefing, or a briefing taken away, since the keyboard was sent: an old keyboard's button.
    if (!def || !def.topics.some((t) => t.id === id)) return void (await ctx.answerCallbackQuery({ text: TEXT.staleButton }));
    // A press on a chat with no subscription (an old keyboard after /unsubscribe, or /topics first) subscribes it: say so.
    const existed = (await deps.service.subscriptionsOf(target)).some((s) => s.briefingId === def.id);
    const saved = await deps.service.updateSubscription(def, target, { toggleTopic: id });
    await ctx.answerCallbackQuery({ text: existed ? TEXT.done : textOf(ctx).subscribedTo(def.title, saved.deliveryTime, saved.timeZone) });
    // Redrawn on the page of the topic pressed.
    await ctx.editMessageReplyMarkup({ reply_markup: topicsKeyboard(def, saved.topics, ctx.match[3], def.id !== deps.briefing.id, topicPage(def, id)) }).catch(() => undefined);
  });
  // A briefing with more topics than one keyboard holds: the buttons to its other pages.
  c.callbackQuery(/^tpage:(\d{1,4})(?:~([^@]+))?(?:@(-?\d+))?$/, async (ctx) => {
    const target = await buttonTarget(ctx, ctx.match[3]);
    if (!target) return void (await ctx.answerCallbackQuery({ text: TEXT.adminsOnly }));
    const def = ctx.match[2] ? definitionOf(deps, ctx.match[2]) : deps.briefing;
    if (!def) return void (await ctx.answerCallbackQuery({ text: TEXT.staleButton }));
    const sub = await deps.service.subscription(target, def.id);
    await ctx.answerCallbackQuery();
    await ctx.editMessageReplyMarkup({ reply_markup: topicsKeyboard(def, sub?.topics ?? [], ctx.match[3], def.id !== deps.briefing.id, Number(ctx.match[1])) }).catch(() => undefined);
  });
  return c;
}
