/** /topics and the topic buttons: a tap adds or removes a topic of the briefing. */
import { Composer, type Context } from 'grammy';
import { buttonTarget, refOf, reply, topicsKeyboard, type CommandDeps } from '../chat.js';
import { TEXT } from '../texts.js';

/** The /topics command and the topic buttons. */
export function topicsCommand(deps: CommandDeps): Composer<Context> {
  const c = new Composer<Context>();
  c.command('topics', async (ctx) => {
    const sub = await deps.service.subscription(refOf(ctx)!, deps.briefing.id);
    await reply(ctx, TEXT.topicsTitle, { reply_markup: topicsKeyboard(deps.briefing, sub?.topics ?? []) });
  });
  c.callbackQuery(/^topic:([^@]+)(?:@(-?\d+))?$/, async (ctx) => {
    const target = await buttonTarget(ctx, ctx.match[2]);
    if (!target) return void (await ctx.answerCallbackQuery({ text: TEXT.adminsOnly }));
    const id = ctx.match[1]!;
    if (!deps.briefing.topics.some((t) => t.id === id)) return void (await ctx.answerCallbackQuery());
    const saved = await deps.service.updateSubscription(deps.briefing, target, { toggleTopic: id });
    await ctx.answerCallbackQuery({ text: TEXT.done });
    await ctx.editMessageReplyMarkup({ reply_markup: topicsKeyboard(deps.briefing, saved.topics, ctx.match[2]) }).catch(() => undefined);
  });
  return c;
}
