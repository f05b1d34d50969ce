/** The process's logger: readable lines for a person at a terminal, JSON for everything else. */
import pino from 'pino';
import pretty from 'pino-pretty';
import type { Logger } from '../core/ports.js';

/** Options for {@link createLogger}. */
export interface LoggerOptions {
  /** pino level (default 'info'). */
  level: string;
  /**
   * Pretty, coloured lines instead of JSON (default: whether stderr is a terminal). Log
   * collectors (Docker, journald, files) get one JSON object a line, as they expect.
   */
  pretty: boolean;
  /** Where lines go (default: file descriptor 2, written synchronously so nothing is lost at exit). */
  destination: number | NodeJS.WritableStream;
}

/** Defaults for {@link LoggerOptions}. */
export const DEFAULT_LOGGER_OPTIONS: Readonly<Omit<LoggerOptions, 'pretty'>> = { level: 'info', destination: 2 };

/**
 * Creates the logger the app is given: JSON lines (pino) on stderr, or, when stderr is a
 * terminal, pino-pretty's lines (time, level, message, then the fields), so that `npm start`
 * can be read while the same process under Docker or systemd logs JSON.
 */
export function createLogger(options: Partial<LoggerOptions> = {}): Logger {
  const { level, destination } = { ...DEFAULT_LOGGER_OPTIONS, ...options };
  const usePretty = options.pretty ?? process.stderr.isTTY === true;
  const base = { level, base: undefined };
  if (usePretty) {
    const colorize = options.pretty === undefined && destination === 2;
    return pino(base, pretty({ destination, sync: true, colorize, translateTime: 'SYS:HH:MM:ss', singleLine: true }));
  }
  return pino(base, typeof destination === 'number' ? pino.destination({ fd: destination, sync: true }) : destination);
}
