/** /unsubscribe [briefing…] (alias /stop): the chat's subscriptions end (every one, or those named). */
import { Composer, type Context } from 'grammy';
import { pickBriefings } from '../../../service/index.js';
import { arg, briefingsOf, definitionOf, isAdmin, refOf, reply, type CommandDeps } from '../chat.js';
import { TEXT } from '../texts.js';

/** The /unsubscribe command. */
export function unsubscribeCommand(deps: CommandDeps): Composer<Context> {
  const c = new Composer<Context>();
  c.command(['unsubscribe', 'stop'], async (ctx) => {
    if (!(await isAdmin(ctx))) return void (await reply(ctx, TEXT.adminsOnly));
    const ref = refOf(ctx)!;
    const text = arg(ctx);
    let ids: string[];
    if (text) {
      const picked = pickBriefings(text, briefingsOf(deps));
      if (picked.unknown.length > 0 || picked.found.length === 0) return void (await reply(ctx, TEXT.unknownBriefing(picked.unknown.join(' ') || text)));
      ids = picked.found.map((d) => d.id);
    } else ids = (await deps.service.subscriptionsOf(ref)).map((s) => s.briefingId);
    let had = false;
    for (const id of ids) had = (await deps.service.unsubscribe(ref, id)) || had;
    // Leaving one briefing of several: say which went and which still come.
    const left = (await deps.service.subscriptionsOf(ref)).map((s) => `«${definitionOf(deps, s.briefingId)?.title ?? s.briefingId}»`);
    const named = ids.map((id) => `«${definitionOf(deps, id)?.title ?? id}»`).join('، ');
    if (left.length === 0) return void (await reply(ctx, had ? TEXT.unsubscribed : TEXT.notSubscribed));
    await reply(ctx, had ? TEXT.unsubscribedFrom(named, left.join('، ')) : TEXT.notSubscribedTo(named, left.join('، ')));
  });
  return c;
}
