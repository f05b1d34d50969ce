/** /time HH:MM [Zone] and the time buttons: the delivery time, in the subscriber's zone. */
import { Composer, type Context } from 'grammy';
import { parseDeliveryTime } from '../../../service/index.js';
import { arg, buttonTarget, isAdmin, refOf, reply, type CommandDeps } from '../chat.js';
import { TEXT } from '../texts.js';

/** The /time command and the ⏰ buttons. */
export function timeCommand(deps: CommandDeps): Composer<Context> {
  const c = new Composer<Context>();
  c.command('time', async (ctx) => {
    if (!(await isAdmin(ctx))) return void (await reply(ctx, TEXT.adminsOnly));
    const parsed = parseDeliveryTime(arg(ctx), deps.briefing.timeZone);
    if ('error' in parsed) return void (await reply(ctx, parsed.error === 'time' ? TEXT.badTime : TEXT.badZone(parsed.zone ?? '')));
    await deps.service.updateSubscription(deps.briefing, refOf(ctx)!, { deliveryTime: parsed.time, timeZone: parsed.zone });
    await reply(ctx, TEXT.timeSet(parsed.time, parsed.zone));
  });
  c.callbackQuery(/^time:(\d\d:\d\d)(?:@(-?\d+))?$/, async (ctx) => {
    const target = await buttonTarget(ctx, ctx.match[2]);
    if (!target) return void (await ctx.answerCallbackQuery({ text: TEXT.adminsOnly }));
    const sub = await deps.service.updateSubscription(deps.briefing, target, { deliveryTime: ctx.match[1]! });
    await ctx.answerCallbackQuery({ text: TEXT.timeSet(sub.deliveryTime, sub.timeZone) });
  });
  return c;
}
