/**
 * /briefing subscribe typed in a group DM (mpim: Slack names it «mpdm-…»), against the project's
 * fake Slack Web API over HTTP with signed requests: delivered to the group DM when the app is in
 * it; otherwise an Arabic answer that says what to do (an app cannot be added to a group DM).
 */
import { createHmac } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { stripBidiControls } from '../../src/arabic/index.js';
import { startFakeSlackApi, type FakeSlackApi } from '../../src/bench/fakes/fake-slack-api.js';
import { createSlackChannel, createSlackPublisher } from '../../src/channels/slack/index.js';
import { SILENT_LOGGER, type Store } from '../../src/core/ports.js';
import { createDeliveryEngine } from '../../src/delivery/index.js';
import { createOpsServer, type OpsServer } from '../../src/server/index.js';
import type { BriefingService } from '../../src/service/index.js';
import { createSqliteStore } from '../../src/store/index.js';
import { morning as morningDefinition, SAMPLES_SOURCE, samplesService } from '../support/fixtures.js';

const SECRET = 'slack-group-dm-secret';
const morning = morningDefinition({ sources: [SAMPLES_SOURCE] });
const nowMs = Date.parse('2026-11-29T05:00:00Z');
const GROUP_DM = { channel: 'G0MPDM42', channelName: 'mpdm-huda--omar--salma-1' };

let fake: FakeSlackApi;
let store: Store;
let service: BriefingService;
let server: OpsServer;
let base: string;

beforeEach(async () => {
  fake = await startFakeSlackApi();
  fake.groupDms.add(GROUP_DM.channel);
  store = createSqliteStore({ path: ':memory:' });
  service = samplesService(store, () => new Date(nowMs), [morning]);
  server = createOpsServer({ store });
  const channel = createSlackChannel({ botToken: 'xoxb-test', signingSecret: SECRET, service, briefing: morning, log: SILENT_LOGGER, apiUrl: fake.apiUrl, route: (m, p, h) => server.route(m, p, h) });
  await channel.start();
  base = `http://127.0.0.1:${await server.listen(0, '127.0.0.1')}`;
});
afterEach(async () => {
  await server.close();
  await fake.close();
  await store.close();
});

/** A signed /briefing command; the text of its ack as a reader sees it. */
async function command(text: string, where: { channel: string; channelName: string }): Promise<string> {
  const body = new URLSearchParams({ command: '/briefing', text, channel_id: where.channel, channel_name: where.channelName, user_id: 'U5', team_id: 'T1', response_url: fake.responseUrl('r'), trigger_id: 't', token: 'legacy' }).toString();
  const ts = String(Math.floor(Date.now() / 1000));
  const sig = `v0=${createHmac('sha256', SECRET).update(`v0:${ts}:${body}`).digest('hex')}`;
  const res = await fetch(`${base}/slack/events`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-slack-request-timestamp': ts, 'x-slack-signature': sig }, body });
  expect(res.status).toBe(200);
  return stripBidiControls(((await res.json()) as { text: string }).text);
}

/** Presses «انشر في القناة» under a /briefing answer in the group DM. */
async function press(): Promise<void> {
  const payload = JSON.stringify({
    type: 'block_actions', user: { id: 'U5' }, team: { id: 'T1' }, channel: { id: GROUP_DM.channel, name: GROUP_DM.channelName }, trigger_id: 't', response_url: fake.responseUrl('button'), token: 'legacy',
    actions: [{ type: 'button', action_id: 'post_briefing', block_id: 'b1', value: 'morning', action_ts: '1' }],
  });
  const body = new URLSearchParams({ payload }).toString();
  const ts = String(Math.floor(Date.now() / 1000));
  const sig = `v0=${createHmac('sha256', SECRET).update(`v0:${ts}:${body}`).digest('hex')}`;
  const res = await fetch(`${base}/slack/events`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-slack-request-timestamp': ts, 'x-slack-signature': sig }, body });
  expect(res.status).toBe(200);
  for (let i = 0; i < 100 && !fake.responses.some((r) => r.id === 'button'); i++) await new Promise((r) => setTimeout(r, 20));
}

describe('Slack /briefing subscribe in a group DM', () => {
  it('with the app in it: subscribes the group DM, says so as a group DM, and the briefing is posted there', async () => {
    fake.memberOf.add(GROUP_DM.channel);
    const answer = await command('subscribe ٠٦:٣٠', GROUP_DM);
    expect(answer).toContain('اشتركت هذه المحادثة الجماعية في «موجز الصباح»');
    expect(answer).toContain('06:30');
    expect(await store.listSubscriptions()).toMatchObject([{ platform: 'slack', destination: GROUP_DM.channel, deliveryTime: '06:30', status: 'active' }]);
    const edition = await service.getOrComposeEdition(morning, '2026-11-29', '06:30');
    await store.enqueueDeliveries(edition.id, { briefingId: 'morning', timeZone: 'Asia/Riyadh', deliveryTime: '06:30' }, 'pending', nowMs);
    const engine = createDeliveryEngine({ store, publishers: { slack: createSlackPublisher({ token: 'xoxb-test', apiUrl: fake.apiUrl }) }, view: (s, e) => service.briefingFor(s, e), clock: { now: () => new Date(nowMs) }, log: SILENT_LOGGER, owner: 't' });
    await engine.drain();
    const posts = fake.calls.filter((c) => c.method === 'chat.postMessage');
    expect(posts.map((p) => p.body.channel)).toEqual([GROUP_DM.channel]);
    expect(JSON.stringify(posts[0]!.body.blocks)).toContain('المغرب يدعو إلى تعاون استخباراتي');
    expect((await store.listSubscriptions())[0]!.status).toBe('active');
    // Unsubscribing names it as a group DM too, not as a channel.
    const gone = await command('unsubscribe', GROUP_DM);
    expect(gone).toContain('أُلغي اشتراك هذه المحادثة الجماعية');
    expect(gone).not.toContain('القناة');
    expect(await store.listSubscriptions()).toEqual([]);
  });

  it('without the app: says that it cannot be added there and what to do instead (a group DM started with it, a private channel, or your own DM), and stores nothing', async () => {
    const answer = await command('subscribe', GROUP_DM);
    expect(answer).not.toContain('أضف البوت إلى هذه القناة');
    expect(answer).toContain('التطبيق ليس في هذه المحادثة الجماعية');
    expect(answer).toContain('محادثة جماعية جديدة');
    expect(answer).toContain('قناة خاصة');
    expect(answer).toContain('رسالتك المباشرة مع التطبيق');
    expect(await store.listSubscriptions()).toEqual([]);
  });

  it('an app without mpim:read: the scope named is the group DMs\' one', async () => {
    fake.methodErrors.set('conversations.info', 'missing_scope');
    const answer = await command('subscribe', GROUP_DM);
    expect(answer).toContain('mpim:read');
    expect(answer).not.toContain('groups:read');
    expect(await store.listSubscriptions()).toEqual([]);
  });

  it('with SLACK_CHANGES_BY=admins: a member who is no workspace admin still subscribes the group DM (its members own it, as a person owns their DM), while a channel stays the admins\'', async () => {
    await server.close();
    server = createOpsServer({ store });
    const channel = createSlackChannel({ botToken: 'xoxb-test', signingSecret: SECRET, service, briefing: morning, log: SILENT_LOGGER, apiUrl: fake.apiUrl, route: (m, p, h) => server.route(m, p, h), changesBy: 'admins' });
    await channel.start();
    base = `http://127.0.0.1:${await server.listen(0, '127.0.0.1')}`;
    fake.memberOf.add(GROUP_DM.channel);
    fake.memberOf.add('C7');
    const answer = await command('subscribe ٠٦:٣٠', GROUP_DM);
    expect(answer).toContain('اشتركت هذه المحادثة الجماعية في «موجز الصباح»');
    expect(await command('filter +النفط', GROUP_DM)).not.toContain('مشرفو مساحة العمل');
    expect(await store.listSubscriptions()).toMatchObject([{ destination: GROUP_DM.channel, deliveryTime: '06:30', filters: { include: ['النفط'] } }]);
    // The same person in a channel: the admins' rule holds.
    expect(await command('subscribe ٠٦:٣٠', { channel: 'C7', channelName: 'general' })).toContain('مشرفو مساحة العمل فقط');
    expect((await store.listSubscriptions()).map((s) => s.destination)).toEqual([GROUP_DM.channel]);
  });

  it('the post button in a group DM without the app: says it is not there and cannot be added, not to /invite it', async () => {
    await service.getOrComposeEdition(morning);
    await press();
    const answer = stripBidiControls(String(fake.responses.find((r) => r.id === 'button')!.body.text));
    expect(answer).toContain('التطبيق ليس في هذه المحادثة الجماعية');
    expect(answer).not.toContain('/invite');
  });
});
