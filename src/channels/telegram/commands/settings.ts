/** /settings: each subscription of the chat: its briefing, delivery time, zone, topics, words, muted outlets and state. */
import { Composer, type Context } from 'grammy';
import type { Subscription } from '../../../core/types.js';
import { definitionOf, refOf, reply, textOf, type CommandDeps } from '../chat.js';
import { TEXT } from '../texts.js';

/** The settings of one subscription, titled when the chat has several. */
export function settingsText(deps: CommandDeps, sub: Subscription, titled: boolean): string {
  const def = definitionOf(deps, sub.briefingId);
  const topics = sub.topics.map((id) => def?.topics.find((t) => t.id === id)?.title ?? id).join('، ') || TEXT.allTopics;
  const status = sub.status === 'active' ? TEXT.active : TEXT.paused(sub.statusReason ?? '');
  const filters = sub.filters ? TEXT.filterLines(sub.filters) : '';
  return TEXT.settings({ ...(titled ? { title: def?.title ?? sub.briefingId } : {}), time: sub.deliveryTime, zone: sub.timeZone, topics, status, ...(filters ? { filters } : {}) });
}

/** The /settings command. */
export function settingsCommand(deps: CommandDeps): Composer<Context> {
  const c = new Composer<Context>();
  c.command('settings', async (ctx) => {
    const subs = await deps.service.subscriptionsOf(refOf(ctx)!);
    if (subs.length === 0) return void (await reply(ctx, textOf(ctx).notSubscribed));
    const titled = subs.length > 1 || subs[0]!.briefingId !== deps.briefing.id;
    await reply(ctx, subs.map((s) => settingsText(deps, s, titled)).join('\n\n'));
  });
  return c;
}
