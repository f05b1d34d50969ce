/** The «انشر في القناة» button under a /briefing answer: posts today's briefing in the channel for everyone. */
import { randomUUID } from 'node:crypto';
import type { App } from '@slack/bolt';
import { SLACK_TOKEN_REFUSED } from '../publisher.js';
import { renderSlack, rightToLeftAnswer } from '../render.js';
import { SLACK_TEXT } from '../texts.js';
import { definitionOf, type SubcommandDeps } from './command.js';

/** A second press within this long of the first in the same channel is a double click: nothing is posted again. */
const REPOST_GUARD_MS = 60_000;

/** A lease every instance sees (the store's {@link Store.holdLease}): held by one press, refused to the others while it lasts. */
export interface PostLease {
  hold(name: string, owner: string, ttlMs: number): Promise<boolean>;
  release(name: string, owner: string): Promise<void>;
}

/** Registers the button's action on the app. */
export function registerPostButton(app: App, deps: SubcommandDeps & { postLease?: PostLease }, now: () => number = Date.now): void {
  // (channel, edition) → when it was posted from here; a failed post is forgotten, so it can be tried again.
  const posted = new Map<string, number>();
  app.action('post_briefing', async ({ ack, body, client, respond }) => {
    await ack();
    const channel = (body as { channel?: { id?: string } }).channel?.id;
    // The button names the briefing it was under (older buttons: 'all', the default one).
    const value = (body as { actions?: { value?: string }[] }).actions?.[0]?.value;
    const definition = (value && definitionOf(deps, value)) || deps.briefing;
    // The channel's own -words and muted outlets hold for what is posted there too.
    const sub = channel ? await deps.service.subscription({ platform: 'slack', destination: channel }, definition.id) : undefined;
    const filters = sub && sub.status !== 'gone' ? sub.filters : undefined;
    const cached = await deps.service.cachedBriefing(definition, filters ? { filters } : {});
    if (!channel || !cached) return void (await respond({ response_type: 'ephemeral', replace_original: false, text: 'لا يوجد موجز لنشره بعد.' }));
    const key = `${channel}|${cached.editionId}`;
    const at = posted.get(key);
    if (at !== undefined && now() - at < REPOST_GUARD_MS) return void (await respond({ response_type: 'ephemeral', replace_original: false, text: 'نُشر هذا الموجز في القناة قبل لحظات.' }));
    if (posted.size >= 1000) posted.clear();
    posted.set(key, now());
    // The other instances: the press that holds the lease posts; a press elsewhere meanwhile is the same double click.
    const lease = deps.postLease;
    const leaseName = `slack-post:${key}`;
    const owner = randomUUID();
    if (lease) {
      const held = await lease.hold(leaseName, owner, REPOST_GUARD_MS).catch((err: Error) => {
        // The store unreachable: this instance's own guard still holds; posting beats refusing.
        deps.log.warn({ channel, err: err.message }, 'slack: the post button could not take its lease; posting with this instance\'s guard only');
        return true;
      });
      if (!held) {
        // Another instance is posting it: this one has posted nothing, so its own guard forgets the press.
        posted.delete(key);
        return void (await respond({ response_type: 'ephemeral', replace_original: false, text: 'نُشر هذا الموجز في القناة قبل لحظات.' }));
      }
    }
    // Like a scheduled delivery, it ends with the link to the edition's page (with a public URL).
    const editionUrl = deps.editionUrl?.(cached.briefing);
    try {
      for (const m of renderSlack(cached.briefing, editionUrl ? { editionUrl } : {})) await client.chat.postMessage({ channel, text: m.text, blocks: m.blocks, unfurl_links: false, unfurl_media: false });
    } catch (err) {
      posted.delete(key);
      await lease?.release(leaseName, owner).catch(() => undefined);
      const reason = (err as { data?: { error?: string } }).data?.error ?? (err as Error).message;
      // The bot token refused: pressing again will not help, and only the operator can put it right.
      const tokenRefused = SLACK_TOKEN_REFUSED.has(reason);
      deps.log.warn({ channel, reason, ...(tokenRefused ? { check: 'SLACK_BOT_TOKEN' } : {}) }, 'slack: the post button could not post the briefing');
      const notThere = reason === 'not_in_channel' || reason === 'channel_not_found';
      // A group DM («mpdm-…») takes no /invite: the app is in one only when it was started with it.
      const groupDm = /^mpdm-/i.test((body as { channel?: { name?: string } }).channel?.name ?? '');
      const text = notThere ? (groupDm ? SLACK_TEXT.postGroupDmWithoutApp : 'تعذر النشر: أضف البوت إلى القناة أولاً (/invite).') : tokenRefused ? SLACK_TEXT.postTokenRefused : 'تعذر النشر الآن. أعد المحاولة بعد قليل.';
      await respond({ response_type: 'ephemeral', replace_original: false, text: rightToLeftAnswer(text) });
    }
  });
}
