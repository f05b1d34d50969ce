/** The «انشر في القناة» button under a /briefing answer: posts today's briefing in the channel for everyone. */
import { createHash, randomUUID } from 'node:crypto';
import type { App } from '@slack/bolt';
import { SLACK_TOKEN_REFUSED } from '../publisher.js';
import { renderSlack, rightToLeftAnswer } from '../render.js';
import { SLACK_TEXT } from '../texts.js';
import { definitionOf, isGroupDm, slackErrorCode, type SubcommandDeps } from './command.js';

/** A second press within this long of the first in the same channel is a double click: nothing is posted again. */
const REPOST_GUARD_MS = 60_000;

/** How long the messages a press posted are remembered, so that a press after a failure half-way posts only the rest. */
const PARTS_MEMORY_MS = 30 * 60_000;

/** A lease every instance sees (the store's {@link Store.holdLease}): held by one press, refused to the others while it lasts. */
export interface PostLease {
  hold(name: string, owner: string, ttlMs: number): Promise<boolean>;
  release(name: string, owner: string): Promise<void>;
}

// The owner of the marks of messages posted before a failure: every press knows it, so that the
// press that posts the rest takes the marks away.
const POSTED_MARK = 'posted-before-a-failure';

/** Whether a message is marked as posted by an earlier press (the mark's lease is held); a probe that finds none gives its lease back. */
async function markedPosted(lease: PostLease, name: string, probe: string): Promise<boolean> {
  const free = await lease.hold(name, probe, 1_000).catch(() => true);
  if (free) await lease.release(name, probe).catch(() => undefined);
  return !free;
}

/** Registers the button's action on the app. */
export function registerPostButton(app: App, deps: SubcommandDeps & { postLease?: PostLease }, now: () => number = Date.now): void {
  // (channel, edition) → when it was posted from here; a failed post is forgotten, so it can be tried again.
  const posted = new Map<string, number>();
  // (channel, edition, messages) → how many of its messages were in the channel when a press here
  // failed, and when: the next press here starts at the first one not posted.
  const partsPosted = new Map<string, { done: number; at: number }>();
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
    const messages = renderSlack(cached.briefing, editionUrl ? { editionUrl } : {});
    // The messages are known by their text: the channel's filters changed since, they are others.
    const partsKey = `${key}|${createHash('sha256').update(JSON.stringify(messages.map((m) => m.text))).digest('base64url').slice(0, 16)}`;
    const mark = (k: number): string => `slack-post-part:${partsKey}:${k}`;
    // The messages an earlier press posted before Slack failed: remembered here, and marked in
    // the store (every instance sees the marks).
    const local = partsPosted.get(partsKey);
    const earlier = local && now() - local.at < PARTS_MEMORY_MS ? local.done : 0;
    // Messages in the channel already: marked by earlier presses, or posted by this one.
    let inChannel = 0;
    try {
      for (let k = earlier; k < messages.length; k++) {
        if (!(lease && (await markedPosted(lease, mark(k), owner)))) {
          const m = messages[k]!;
          await client.chat.postMessage({ channel, text: m.text, blocks: m.blocks, unfurl_links: false, unfurl_media: false });
        }
        inChannel = k + 1;
      }
      // The whole briefing is in the channel: a press after the double-click guard posts it again, whole.
      partsPosted.delete(partsKey);
      if (lease) {
        const kept = await Promise.all(messages.map((_, k) => lease.release(mark(k), POSTED_MARK).then(() => false, () => true)));
        if (kept.some(Boolean)) deps.log.warn({ channel }, 'slack: the post button could not take away the marks of a briefing posted whole; a press within 30 minutes posts only what they do not mark');
      }
    } catch (err) {
      // The messages in the channel before the failure are not posted again by the next press:
      // marked (again, so that every mark lasts from now) and remembered here.
      inChannel = Math.max(inChannel, earlier);
      if (inChannel > 0) {
        if (partsPosted.size >= 1000) partsPosted.clear();
        partsPosted.set(partsKey, { done: inChannel, at: now() });
      }
      if (lease) {
        const failed = await Promise.all(Array.from({ length: inChannel }, (_, k) => lease.hold(mark(k), POSTED_MARK, PARTS_MEMORY_MS).then(() => false, () => true)));
        if (failed.some(Boolean)) deps.log.warn({ channel }, 'slack: the post button could not mark the messages it posted before Slack failed; another instance may post them again');
      }
      posted.delete(key);
      await lease?.release(leaseName, owner).catch(() => undefined);
      const reason = slackErrorCode(err);
      // The bot token refused: pressing again will not help, and only the operator can put it right.
      const tokenRefused = SLACK_TOKEN_REFUSED.has(reason);
      deps.log.warn({ channel, reason, ...(tokenRefused ? { check: 'SLACK_BOT_TOKEN' } : {}) }, 'slack: the post button could not post the briefing');
      const notThere = reason === 'not_in_channel' || reason === 'channel_not_found';
      // A group DM («mpdm-…») takes no /invite: the app is in one only when it was started with it.
      const groupDm = isGroupDm({ channel_name: (body as { channel?: { name?: string } }).channel?.name ?? '' });
      const text = notThere ? (groupDm ? SLACK_TEXT.postGroupDmWithoutApp : 'تعذر النشر: أضف البوت إلى القناة أولاً (/invite).') : tokenRefused ? SLACK_TEXT.postTokenRefused : (SLACK_TEXT.postRefusedHere(reason) ?? 'تعذر النشر الآن. أعد المحاولة بعد قليل.');
      await respond({ response_type: 'ephemeral', replace_original: false, text: rightToLeftAnswer(text) });
    }
  });
}
