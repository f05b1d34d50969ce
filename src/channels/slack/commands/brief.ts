/**
 * /briefing [briefing] [topic or words]: today's edition (of the briefing named first, else of the one
 * subscribed where it is typed), only for the person who asked, with a button to
 * post it in the channel. Slack needs the ack within 3 s: it answers from the cached edition, and
 * composes in the background (answering through response_url) only when there is none yet. The
 * words and muted outlets of the subscription where it is typed apply.
 */
import { countedNoun, type NounForms } from '../../../arabic/index.js';
import type { Briefing } from '../../../core/types.js';
import { onDemandBriefing } from '../../../service/index.js';
import { escapeMrkdwn, renderSlack, type SlackBlock } from '../render.js';

const MORE_STORIES: Readonly<NounForms> = { one: 'خبر آخر', two: 'خبران آخران', plural: 'أخبار أخرى', accusative: 'خبراً آخر', genitive: 'خبر آخر' };

/** «وخبر آخر», «وخبران آخران», «و3 أخبار أخرى», «و25 خبراً آخر», «و103 أخبار أخرى»: the count agrees with its number. */
export function moreStories(n: number): string {
  return `و${countedNoun(n, MORE_STORIES)}`;
}

/** The stories in a rendered message: its sections but the topics' headings («■ …»). */
const storiesIn = (blocks: readonly SlackBlock[]): number => blocks.filter((b) => b.type === 'section' && !b.text.text.startsWith('■')).length;
import { SLACK_TEXT } from '../texts.js';
import type { SlackAnswer, Subcommand, SubcommandDeps } from './command.js';

/** The button under an answer that posts the whole briefing in the channel (see post-button.ts); its value is the briefing's id. */
export function postButton(briefingId: string): { type: 'actions'; elements: unknown[] } {
  return { type: 'actions', elements: [{ type: 'button', action_id: 'post_briefing', text: { type: 'plain_text', text: 'انشر في القناة' }, value: briefingId }] };
}

/** Rendered answers kept per (edition, words): the same question about the same edition gets the same answer. */
const MAX_CACHED_ANSWERS = 256;

/** The default sub-command: the briefing, or what matches the words. */
export function briefSubcommand(deps: SubcommandDeps): Subcommand {
  const answers = new Map<string, SlackAnswer>();
  const answer = (b: Briefing, query: string, button: boolean): SlackAnswer => {
    // The person's words are echoed escaped: «<!channel>» must not ping anyone. A mistyped
    // sub-command («subscibe») lands here too: the help is named.
    if (query && b.groups.length === 0 && b.hiddenByFilters) {
      return { response_type: 'ephemeral', text: `في موجز اليوم أخبار عن «${escapeMrkdwn(query)}» (عددها ${b.hiddenByFilters})، لكن الكلمات المحذوفة (-) أو المصادر المكتومة هنا تستبعدها كلها. راجعها بـ /briefing settings.` };
    }
    if (query && b.groups.length === 0) return { response_type: 'ephemeral', text: `لا توجد أخبار عن «${escapeMrkdwn(query)}» في موجز اليوم. جرّب /briefing للموجز كاملاً، أو /briefing help لقائمة الأوامر.` };
    const editionUrl = deps.editionUrl?.(b);
    // Room for the post button: an answer of more than 50 blocks is refused by Slack whole.
    const messages = renderSlack(b, { ...(editionUrl ? { editionUrl } : {}), reserveBlocks: button ? 1 : 0 });
    const first = messages[0]!;
    // One ephemeral answer: the first message, closed by the last one's context line (which links
    // to the whole edition), which then also says how many stories the answer leaves out.
    let blocks: SlackBlock[] = first.blocks;
    if (messages.length > 1) {
      const last = messages[messages.length - 1]!.blocks.at(-1)!;
      const left = messages.slice(1).reduce((n, m) => n + storiesIn(m.blocks), 0);
      const note = { type: 'mrkdwn' as const, text: `${moreStories(left)} ${query ? 'لا يتسع لها هذا الرد' : 'في الموجز كاملاً (زر النشر ينشره كله)'}` };
      blocks = [...first.blocks.slice(0, -1), last.type === 'context' ? { ...last, elements: [...last.elements, note] } : last];
    }
    return { response_type: 'ephemeral', text: first.text, blocks: [...blocks, ...(button ? [postButton(b.briefingId)] : [])] };
  };
  return async (call) => {
    // The briefing named first, or the one the channel (or DM) subscribes to; its -words and muted
    // outlets hold on demand too; its topics do not.
    const { definition, query, filters } = await onDemandBriefing(deps.service, deps, call.ref, call.text);
    // The button posts the whole briefing where it was asked for: not under an answer to words, nor where the app cannot post.
    const button = !query && call.canPostHere !== false;
    const audience = { query, ...(filters ? { filters } : {}) };
    const cached = await deps.service.cachedBriefing(definition, audience);
    if (cached) {
      const key = `${cached.editionId}|${query}|${filters ? JSON.stringify(filters) : ''}|${button}`;
      let payload = answers.get(key);
      if (!payload) {
        payload = answer(cached.briefing, query, button);
        if (answers.size > MAX_CACHED_ANSWERS) answers.clear();
        answers.set(key, payload);
      }
      return call.ack(payload);
    }
    await call.ack({ response_type: 'ephemeral', text: 'جاري تحضير موجز اليوم، سيصلك خلال لحظات.' });
    let composed: Briefing;
    try {
      composed = await deps.service.briefNow(definition, audience);
    } catch (err) {
      // The person was told it is coming: say it is not, rather than leave them waiting.
      deps.log.error({ briefing: definition.id, err: (err as Error).message }, 'slack: /briefing could not compose today\'s edition');
      return call.respond({ response_type: 'ephemeral', text: SLACK_TEXT.composeFailed });
    }
    await call.respond(answer(composed, query, button));
  };
}
