/** Anything else: an unknown command, or a message in a private chat, gets a short Arabic hint. */
import { Composer, type Context } from 'grammy';
import { reply } from '../chat.js';
import { TEXT } from '../texts.js';

/** The last handlers: registered after every command. */
export function fallbackReplies(): Composer<Context> {
  const c = new Composer<Context>();
  c.on('message:text', async (ctx) => {
    if (ctx.msg.text.startsWith('/')) return void (await reply(ctx, TEXT.unknown));
    if (ctx.chat.type === 'private') await reply(ctx, TEXT.chatHelp);
  });
  c.on('message', async (ctx) => {
    if (ctx.chat.type === 'private') await reply(ctx, TEXT.chatHelp);
  });
  return c;
}
