/** /start: what the bot does, with a subscribe button. */
import { Composer, InlineKeyboard, type Context } from 'grammy';
import { reply, type CommandDeps } from '../chat.js';
import { TEXT } from '../texts.js';

/** The /start command. */
export function startCommand(deps: CommandDeps): Composer<Context> {
  const c = new Composer<Context>();
  c.command('start', async (ctx) => {
    await reply(ctx, TEXT.welcome(deps.briefing.title), { reply_markup: new InlineKeyboard().text('اشترك في الموجز', 'subscribe') });
  });
  return c;
}
