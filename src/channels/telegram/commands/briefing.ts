/** /briefing [topic or words]: today's edition now, or what matches the words asked about, through the chat's filters. */
import { Composer, type Context } from 'grammy';
import { arg, refOf, reply, type CommandDeps } from '../chat.js';
import { renderTelegram } from '../render.js';
import { TEXT } from '../texts.js';

/** The /briefing command (alias /brief). */
export function briefingCommand(deps: CommandDeps): Composer<Context> {
  const c = new Composer<Context>();
  c.command(['briefing', 'brief'], async (ctx) => {
    const query = arg(ctx);
    // A subscribed chat's -words and muted outlets hold on demand too (its topics do not: on demand is every topic).
    const sub = await deps.service.subscription(refOf(ctx)!, deps.briefing.id);
    const filters = sub && sub.status !== 'gone' ? sub.filters : undefined;
    const b = await deps.service.briefNow(deps.briefing, { query, ...(filters ? { filters } : {}) });
    if (query && b.groups.length === 0) return void (await reply(ctx, TEXT.noMatch(query)));
    for (const html of renderTelegram(b)) await reply(ctx, html, { parse_mode: 'HTML', link_preview_options: { is_disabled: true } });
  });
  return c;
}
