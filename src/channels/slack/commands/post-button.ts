/** The «انشر في القناة» button under a /briefing answer: posts today's briefing in the channel for everyone. */
import type { App } from '@slack/bolt';
import { renderSlack } from '../render.js';
import type { SubcommandDeps } from './command.js';

/** Registers the button's action on the app. */
export function registerPostButton(app: App, deps: SubcommandDeps): void {
  app.action('post_briefing', async ({ ack, body, client, respond }) => {
    await ack();
    const channel = (body as { channel?: { id?: string } }).channel?.id;
    const edition = await deps.service.cachedEdition(deps.briefing);
    if (!channel || !edition) return void (await respond({ response_type: 'ephemeral', replace_original: false, text: 'لا يوجد موجز لنشره بعد.' }));
    try {
      for (const m of renderSlack(edition.briefing)) await client.chat.postMessage({ channel, text: m.text, blocks: m.blocks, unfurl_links: false });
    } catch {
      await respond({ response_type: 'ephemeral', replace_original: false, text: 'تعذر النشر: أضف البوت إلى القناة أولاً (/invite).' });
    }
  });
}
