/** /unsubscribe (alias /stop): the chat's subscription ends. */
import { Composer, type Context } from 'grammy';
import { isAdmin, refOf, reply, type CommandDeps } from '../chat.js';
import { TEXT } from '../texts.js';

/** The /unsubscribe command. */
export function unsubscribeCommand(deps: CommandDeps): Composer<Context> {
  const c = new Composer<Context>();
  c.command(['unsubscribe', 'stop'], async (ctx) => {
    if (!(await isAdmin(ctx))) return void (await reply(ctx, TEXT.adminsOnly));
    const had = await deps.service.unsubscribe(refOf(ctx)!, deps.briefing.id);
    await reply(ctx, had ? TEXT.unsubscribed : TEXT.notSubscribed);
  });
  return c;
}
