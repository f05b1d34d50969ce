/**
 * Anything else: an unknown command, or a message in a private chat, gets a short Arabic hint; a
 * button the bot no longer knows (an old keyboard) gets its answer. In a group, a command is
 * answered only when it is addressed to this bot (/cmd@thisbot): a plain /cmd, or /cmd@otherbot,
 * is another bot's business.
 */
import { Composer, type Context } from 'grammy';
import { reply } from '../chat.js';
import { TEXT } from '../texts.js';

/** The last handlers: registered after every command. */
export function fallbackReplies(): Composer<Context> {
  const c = new Composer<Context>();
  c.on('message:text', async (ctx) => {
    const command = /^\/[^\s@]*(?:@(\S*))?/.exec(ctx.msg.text);
    if (command) {
      const ours = command[1] !== undefined && command[1].toLowerCase() === ctx.me.username.toLowerCase();
      if (ours || (ctx.chat.type === 'private' && command[1] === undefined)) await reply(ctx, TEXT.unknown);
      return;
    }
    if (ctx.chat.type === 'private') await reply(ctx, TEXT.chatHelp);
  });
  c.on('message', async (ctx) => {
    if (ctx.chat.type === 'private') await reply(ctx, TEXT.chatHelp);
  });
  c.on('callback_query', (ctx) => ctx.answerCallbackQuery({ text: TEXT.staleButton }));
  return c;
}

/**
 * Registered before every command: a forwarded message is not its forwarder's command, neither a
 * «/unsubscribe» passed on from elsewhere nor a channel's «/subscribe» post that Telegram copies
 * into the channel's discussion group (where the bot would answer that only admins subscribe). In
 * a private chat it gets the short hint; elsewhere, nothing.
 */
export function forwardedMessages(): Composer<Context> {
  const c = new Composer<Context>();
  c.filter(
    (ctx) => ctx.message?.forward_origin !== undefined || ctx.message?.is_automatic_forward === true,
    async (ctx) => {
      if (ctx.chat?.type === 'private') await reply(ctx, TEXT.chatHelp);
    },
  );
  return c;
}
