/** Socket Mode against a local WebSocket fake: apps.connections.open, hello, a slash command envelope, the ack. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WebSocketServer, type WebSocket } from 'ws';
import { stripBidiControls } from '../../src/arabic/index.js';
import { startFakeSlackApi, type FakeSlackApi } from '../../src/bench/fakes/fake-slack-api.js';
import { createSlackChannel, type SlackChannel } from '../../src/channels/slack/index.js';
import { SILENT_LOGGER } from '../../src/core/ports.js';
import { createBriefingService } from '../../src/service/index.js';
import { createSqliteStore } from '../../src/store/index.js';
import { morning as morningDefinition } from '../support/fixtures.js';

const morning = morningDefinition();
let fake: FakeSlackApi;
let wss: WebSocketServer;
let socket: WebSocket | undefined;
const received: Record<string, unknown>[] = [];
let channel: SlackChannel | undefined;
// When set, the fake holds its hello back until this is called (a socket still opening).
let holdHello: ((send: () => void) => void) | undefined;

beforeEach(async () => {
  fake = await startFakeSlackApi();
  wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise<void>((r) => wss.once('listening', () => r()));
  fake.socketUrl = `ws://127.0.0.1:${(wss.address() as { port: number }).port}/`;
  wss.on('connection', (ws) => {
    socket = ws;
    ws.on('message', (data) => received.push(JSON.parse(String(data)) as Record<string, unknown>));
    const hello = (): void => ws.send(JSON.stringify({ type: 'hello', num_connections: 1, debug_info: { host: 'fake', approximate_connection_time: 3600 }, connection_info: { app_id: 'A1' } }));
    if (holdHello) holdHello(hello);
    else hello();
  });
});
afterEach(async () => {
  await channel?.stop();
  channel = undefined;
  socket = undefined;
  holdHello = undefined;
  received.length = 0;
  await new Promise<void>((r) => wss.close(() => r()));
  await fake.close();
});

describe('Slack Socket Mode', () => {
  it('connects through apps.connections.open and acks a /briefing slash command over the WebSocket', async () => {
    const store = createSqliteStore({ path: ':memory:' });
    const service = createBriefingService({ store, sourcesFor: () => [], clock: { now: () => new Date() }, log: SILENT_LOGGER });
    channel = createSlackChannel({ botToken: 'xoxb-test', appToken: 'xapp-test', service, briefing: morning, log: SILENT_LOGGER, apiUrl: fake.apiUrl });
    expect(channel.mode).toBe('socket');
    await channel.start();
    for (let i = 0; i < 100 && !socket; i++) await new Promise((r) => setTimeout(r, 20));
    expect(fake.calls.map((c) => c.method)).toContain('apps.connections.open');
    socket!.send(JSON.stringify({
      envelope_id: 'env-1', type: 'slash_commands', accepts_response_payload: true,
      payload: { command: '/briefing', text: 'help', channel_id: 'C1', user_id: 'U1', team_id: 'T1', response_url: fake.responseUrl('1'), trigger_id: 't', token: 'x' },
    }));
    for (let i = 0; i < 100 && received.length === 0; i++) await new Promise((r) => setTimeout(r, 20));
    expect(received[0]).toMatchObject({ envelope_id: 'env-1' });
    expect(stripBidiControls(JSON.stringify(received[0]))).toContain('أوامر /briefing');
    await store.close();
  });

  it('a stop while the socket is still opening leaves it closed: the start that ends afterwards does not put the channel back to running', async () => {
    const store = createSqliteStore({ path: ':memory:' });
    const service = createBriefingService({ store, sourcesFor: () => [], clock: { now: () => new Date() }, log: SILENT_LOGGER });
    let sendHello: (() => void) | undefined;
    holdHello = (send) => (sendHello = send);
    channel = createSlackChannel({ botToken: 'xoxb-test', appToken: 'xapp-test', service, briefing: morning, log: SILENT_LOGGER, apiUrl: fake.apiUrl });
    const starting = channel.start().catch(() => undefined);
    for (let i = 0; i < 100 && !sendHello; i++) await new Promise((r) => setTimeout(r, 20));
    expect(sendHello).toBeDefined();
    await channel.stop();
    sendHello!();
    await starting;
    expect(channel.state()).toBe('stopped');
    const open = socket!;
    for (let i = 0; i < 100 && open.readyState === open.OPEN; i++) await new Promise((r) => setTimeout(r, 20));
    expect(open.readyState).not.toBe(open.OPEN);
    await store.close();
  });

  it('a socket that cannot open gives up after socketStartTimeoutMs (the rest of the app starts) and is tried again; a stop while it is opening ends the start and the tries', async () => {
    const store = createSqliteStore({ path: ':memory:' });
    const service = createBriefingService({ store, sourcesFor: () => [], clock: { now: () => new Date() }, log: SILENT_LOGGER });
    // Nothing listens where the fake sends the client.
    const closed = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    await new Promise<void>((r) => closed.once('listening', () => r()));
    fake.socketUrl = `ws://127.0.0.1:${(closed.address() as { port: number }).port}/`;
    await new Promise<void>((r) => closed.close(() => r()));
    const logged: string[] = [];
    const log = { ...SILENT_LOGGER, warn: (_o: object, m: string) => void logged.push(m), error: (_o: object, m: string) => void logged.push(m) };
    channel = createSlackChannel({ botToken: 'xoxb-test', appToken: 'xapp-test', service, briefing: morning, log, apiUrl: fake.apiUrl, socketStartTimeoutMs: 300 });
    const started = Date.now();
    await expect(channel.start()).rejects.toThrow(/SLACK_APP_TOKEN/);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(channel.state()).not.toBe('running');
    // The socket client's errors reach the app's log (one JSON line each), not the console beside it.
    expect(logged.some((m) => /websocket/i.test(m))).toBe(true);
    // A stop while a start waits on the socket: the start ends at once, and no more tries follow.
    const again = channel.start().catch((err: Error) => err);
    await new Promise((r) => setTimeout(r, 50));
    await channel.stop();
    expect(await Promise.race([again, new Promise((r) => setTimeout(() => r('still waiting'), 1_000))])).not.toBe('still waiting');
    const opens = fake.calls.filter((c) => c.method === 'apps.connections.open').length;
    await new Promise((r) => setTimeout(r, 2_500));
    expect(fake.calls.filter((c) => c.method === 'apps.connections.open').length).toBe(opens);
    expect(channel.state()).toBe('stopped');
    await store.close();
  });
});
