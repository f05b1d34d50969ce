/** /briefing [topic or words]: today's edition now, or what matches the words asked about. */
import { Composer, type Context } from 'grammy';
import { arg, reply, type CommandDeps } from '../chat.js';
import { renderTelegram } from '../render.js';
import { TEXT } from '../texts.js';

/** The /briefing command (alias /brief). */
export function briefingCommand(deps: CommandDeps): Composer<Context> {
  const c = new Composer<Context>();
  c.command(['briefing', 'brief'], async (ctx) => {
    const query = arg(ctx);
    const b = await deps.service.briefNow(deps.briefing, { query });
    if (query && b.groups.length === 0) return void (await reply(ctx, TEXT.noMatch(query)));
    for (const html of renderTelegram(b)) await reply(ctx, html, { parse_mode: 'HTML', link_preview_options: { is_disabled: true } });
  });
  return c;
}
