/** /briefings: the briefings this bot offers, with a ✅ on those the chat subscribes to. */
import { Composer, type Context } from 'grammy';
import { briefingsOf, refOf, reply, type CommandDeps } from '../chat.js';
import { TEXT } from '../texts.js';

/** The /briefings command. */
export function briefingsCommand(deps: CommandDeps): Composer<Context> {
  const c = new Composer<Context>();
  c.command('briefings', async (ctx) => {
    const subs = await deps.service.subscriptionsOf(refOf(ctx)!);
    const lines = briefingsOf(deps).map((b) => {
      const sub = subs.find((s) => s.briefingId === b.id);
      return TEXT.briefingLine({ id: b.id, title: b.title, time: sub?.deliveryTime ?? b.deliveryTime, zone: sub?.timeZone ?? b.timeZone, subscribed: sub !== undefined });
    });
    await reply(ctx, TEXT.briefingsList(lines));
  });
  return c;
}
