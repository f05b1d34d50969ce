/**
 * Socket Mode for the Slack app: a bolt receiver around @slack/socket-mode's client. It does what
 * bolt's SocketModeReceiver does, and also takes the Web API URL (for apps.connections.open), so
 * that it can run against another endpoint, as the tests do.
 */
import type { App, Logger, Receiver, ReceiverEvent } from '@slack/bolt';
import { LogLevel, SocketModeClient } from '@slack/socket-mode';

/** Options for {@link createSocketModeReceiver}. */
export interface SocketModeReceiverOptions {
  /** App-level token (xapp-…) with connections:write. */
  appToken: string;
  /** Web API base URL, ending in /api/ (default Slack's). */
  apiUrl?: string;
  /** Where the client's warnings and errors go (default: its own console lines). */
  logger?: Logger;
}

/** Creates the receiver; `app.start()` opens the WebSocket, `app.stop()` closes it. */
export function createSocketModeReceiver(options: SocketModeReceiverOptions): Receiver & { client: SocketModeClient } {
  const client = new SocketModeClient({
    appToken: options.appToken,
    logLevel: LogLevel.ERROR,
    ...(options.logger ? { logger: options.logger } : {}),
    ...(options.apiUrl ? { clientOptions: { slackApiUrl: options.apiUrl } } : {}),
  });
  let app: App | undefined;
  client.on('slack_event', async (args: { ack: (response?: unknown) => Promise<void>; body: Record<string, unknown>; retry_num?: number; retry_reason?: string }) => {
    const event: ReceiverEvent = {
      body: args.body,
      ack: async (response?: unknown) => {
        await args.ack(response);
      },
      ...(args.retry_num !== undefined ? { retryNum: args.retry_num } : {}),
      ...(args.retry_reason !== undefined ? { retryReason: args.retry_reason } : {}),
      customProperties: {},
    };
    await app?.processEvent(event);
  });
  return {
    client,
    init(a: App) {
      app = a;
    },
    start: () => client.start(),
    stop: () => client.disconnect(),
  };
}
