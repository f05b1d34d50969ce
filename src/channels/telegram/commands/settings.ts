/** /settings: the chat's delivery time, zone, topics and state. */
import { Composer, type Context } from 'grammy';
import { refOf, reply, type CommandDeps } from '../chat.js';
import { TEXT } from '../texts.js';

/** The /settings command. */
export function settingsCommand(deps: CommandDeps): Composer<Context> {
  const c = new Composer<Context>();
  c.command('settings', async (ctx) => {
    const sub = await deps.service.subscription(refOf(ctx)!, deps.briefing.id);
    if (!sub || sub.status === 'gone') return void (await reply(ctx, TEXT.notSubscribed));
    const topics = sub.topics.map((id) => deps.briefing.topics.find((t) => t.id === id)?.title ?? id).join('، ') || TEXT.allTopics;
    const status = sub.status === 'active' ? TEXT.active : TEXT.paused(sub.statusReason ?? '');
    await reply(ctx, TEXT.settings({ time: sub.deliveryTime, zone: sub.timeZone, topics, status }));
  });
  return c;
}
