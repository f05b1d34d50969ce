/** /briefing [topic or words]: today's edition now, or what matches the words asked about, through the chat's filters. */
import { Composer, type Context } from 'grammy';
import { arg, refOf, reply, type CommandDeps } from '../chat.js';
import { renderTelegram } from '../render.js';
import { TEXT } from '../texts.js';

/** The /briefing command (alias /brief). With a public URL the answer ends with a link to the edition's page, as deliveries do. */
export function briefingCommand(deps: CommandDeps): Composer<Context> {
  const c = new Composer<Context>();
  c.command(['briefing', 'brief'], async (ctx) => {
    const query = arg(ctx);
    // A subscribed chat's -words and muted outlets hold on demand too (its topics do not: on demand is every topic).
    const sub = await deps.service.subscription(refOf(ctx)!, deps.briefing.id);
    const filters = sub && sub.status !== 'gone' ? sub.filters : undefined;
    const b = await deps.service.briefNow(deps.briefing, { query, ...(filters ? { filters } : {}) });
    if (query && b.groups.length === 0) return void (await reply(ctx, TEXT.noMatch(query)));
    const editionUrl = deps.editionUrl?.(b);
    const parts = renderTelegram(b, undefined, editionUrl ? { editionUrl } : {});
    for (const [i, html] of parts.entries()) {
      // Only the edition's page is previewed, in the last part that links to it; the sources' links never are.
      const preview = editionUrl && i === parts.length - 1 ? { url: editionUrl, prefer_small_media: true, show_above_text: false } : { is_disabled: true };
      await reply(ctx, html, { parse_mode: 'HTML', link_preview_options: preview });
    }
  });
  return c;
}
