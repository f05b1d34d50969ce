/** The console channel: prints briefings to a terminal (the offline default). */
import type { Publisher } from '../../core/ports.js';
import { renderConsole } from './render.js';

/** Options for {@link createConsolePublisher}. */
export interface ConsolePublisherOptions {
  /** Where to write (default: process.stdout). */
  write?: (text: string) => void;
  /** ANSI bold headlines (default: whether stdout is a TTY). */
  color?: boolean;
}

/** A publisher whose destination is the terminal. It has no rate limits, and its failures are transient. */
export function createConsolePublisher(options: ConsolePublisherOptions = {}): Publisher {
  const write = options.write ?? ((t: string) => void process.stdout.write(t));
  const color = options.color ?? Boolean(process.stdout.isTTY);
  let count = 0;
  return {
    platform: 'console',
    async send(_ref, briefing) {
      write(renderConsole(briefing, { color }));
      count++;
      return { messageIds: [`console-${count}`] };
    },
    classify(error) {
      return { kind: 'transient', reason: (error as Error).message ?? String(error) };
    },
    rateRules() {
      return [];
    },
  };
}
