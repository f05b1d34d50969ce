/** /help: the command list in Arabic. */
import { Composer, type Context } from 'grammy';
import { reply } from '../chat.js';
import { TEXT } from '../texts.js';

/** The /help command. */
export function helpCommand(): Composer<Context> {
  const c = new Composer<Context>();
  c.command('help', (ctx) => reply(ctx, TEXT.help()));
  return c;
}
