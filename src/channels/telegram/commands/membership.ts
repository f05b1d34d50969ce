/**
 * The bot blocked, kicked or demoted: the chat's subscriptions pause at once; re-added: they
 * resume; a forum topic reopened: the subscriptions its closing paused resume. A group that became a supergroup (a new chat id): its subscriptions move at once, so
 * that /settings in the supergroup shows them and the next delivery goes there.
 */
import { Composer, type Context } from 'grammy';
import type { CommandDeps } from '../chat.js';

/** Handles my_chat_member updates. */
export function membershipUpdates(deps: CommandDeps): Composer<Context> {
  const c = new Composer<Context>();
  c.on('my_chat_member', async (ctx) => {
    const status = ctx.myChatMember.new_chat_member.status;
    const ref = { platform: 'telegram' as const, destination: String(ctx.chat.id) };
    const mustAdmin = ctx.chat.type === 'channel';
    const member = ctx.myChatMember.new_chat_member;
    // A bot restricted in a group may still post when Telegram leaves it can_send_messages.
    const mayPost = member.status === 'restricted' && member.is_member && member.can_send_messages;
    // A channel's admin posts only with can_post_messages: rights edited to take it away pause the subscription, giving it back resumes it.
    const channelPoster = member.status === 'administrator' && member.can_post_messages !== false;
    const able = mustAdmin ? channelPoster : status === 'member' || status === 'administrator' || status === 'creator' || mayPost;
    const reason = status === 'kicked' ? (ctx.chat.type === 'private' ? 'the user blocked the bot' : 'the bot was removed') : status === 'left' ? 'the bot left the chat' : status === 'restricted' || status === 'administrator' ? 'the bot may not post here' : 'the bot is no longer an admin';
    const n = await deps.service.setPaused(ref, !able, reason);
    if (n > 0) deps.log.info({ chat: ref.destination, status, paused: !able }, 'telegram membership changed');
  });
  // Telegram says so twice: in the old group (migrate_to_chat_id) and in the new one (migrate_from_chat_id).
  const move = async (from: number, to: number): Promise<void> => {
    const n = await deps.service.moveDestination({ platform: 'telegram', destination: String(from) }, String(to));
    if (n > 0) deps.log.info({ from, to, subscriptions: n }, 'telegram group became a supergroup; subscriptions moved');
  };
  // A forum topic closed at delivery time paused its subscription; reopened, it takes the briefing again.
  c.on('message:forum_topic_reopened', async (ctx) => {
    const thread = ctx.message.message_thread_id;
    if (thread === undefined) return;
    const n = await deps.service.resumeReopenedTopic({ platform: 'telegram', destination: String(ctx.chat.id), threadId: String(thread) });
    if (n > 0) deps.log.info({ chat: ctx.chat.id, thread, subscriptions: n }, 'telegram forum topic reopened; its subscriptions resumed');
  });
  c.on('message:migrate_to_chat_id', (ctx) => move(ctx.chat.id, ctx.message.migrate_to_chat_id));
  c.on('message:migrate_from_chat_id', (ctx) => move(ctx.message.migrate_from_chat_id, ctx.chat.id));
  return c;
}
