/** /briefing [briefing] [topic or words]: today's edition now, or what matches the words asked about, through the chat's filters. */
import { Composer, type Context } from 'grammy';
import { onDemandBriefing } from '../../../service/index.js';
import { arg, refOf, reply, type CommandDeps } from '../chat.js';
import { renderTelegram } from '../render.js';
import { TEXT } from '../texts.js';

/** The /briefing command (alias /brief). With a public URL the answer ends with a link to the edition's page, as deliveries do. */
export function briefingCommand(deps: CommandDeps): Composer<Context> {
  const c = new Composer<Context>();
  c.command(['briefing', 'brief'], async (ctx) => {
    // The briefing named first, or the one the chat subscribes to; its -words and muted outlets
    // hold on demand too (its topics do not: on demand is every topic).
    const { definition, query, filters } = await onDemandBriefing(deps.service, deps, refOf(ctx)!, arg(ctx));
    const b = await deps.service.briefNow(definition, { query, ...(filters ? { filters } : {}) });
    if (query && b.groups.length === 0) return void (await reply(ctx, b.hiddenByFilters ? TEXT.matchFiltered(query, b.hiddenByFilters) : TEXT.noMatch(query)));
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
