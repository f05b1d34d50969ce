/** /unmute [outlet]: the outlets named are heard again, or every one when none is named. For every subscription of the chat. */
import { Composer, type Context } from 'grammy';
import { MAX_FILTER_TEXT_CHARS } from '../../../core/subscriptions.js';
import { parseUnmuteText } from '../../../service/index.js';
import { arg, changeEvery, isAdmin, refOf, reply, textOf, type CommandDeps } from '../chat.js';
import { TEXT } from '../texts.js';

/** The /unmute command. */
export function unmuteCommand(deps: CommandDeps): Composer<Context> {
  const c = new Composer<Context>();
  c.command('unmute', async (ctx) => {
    if (!(await isAdmin(ctx))) return void (await reply(ctx, TEXT.adminsOnly));
    const names = parseUnmuteText(arg(ctx, MAX_FILTER_TEXT_CHARS));
    const result = await changeEvery(deps, refOf(ctx)!, { unmute: names });
    if ('error' in result) return void (await reply(ctx, textOf(ctx).notSubscribed));
    await reply(ctx, names !== 'all' ? TEXT.unmuted(result.subs[0]!.filters!.muted.join('، ')) : TEXT.unmutedAll);
  });
  return c;
}
