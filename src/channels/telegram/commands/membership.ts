/** The bot blocked, kicked or demoted: the chat's subscriptions pause at once; re-added: they resume. */
import { Composer, type Context } from 'grammy';
import type { CommandDeps } from '../chat.js';

/** Handles my_chat_member updates. */
export function membershipUpdates(deps: CommandDeps): Composer<Context> {
  const c = new Composer<Context>();
  c.on('my_chat_member', async (ctx) => {
    const status = ctx.myChatMember.new_chat_member.status;
    const ref = { platform: 'telegram' as const, destination: String(ctx.chat.id) };
    const mustAdmin = ctx.chat.type === 'channel';
    const able = mustAdmin ? status === 'administrator' : status === 'member' || status === 'administrator' || status === 'creator';
    const reason = status === 'kicked' ? (ctx.chat.type === 'private' ? 'the user blocked the bot' : 'the bot was removed') : status === 'left' ? 'the bot left the chat' : 'the bot is no longer an admin';
    const n = await deps.service.setPaused(ref, !able, reason);
    if (n > 0) deps.log.info({ chat: ref.destination, status, paused: !able }, 'telegram membership changed');
  });
  return c;
}
