/** A logger that keeps every line (level, message, fields), for tests that check what was logged and what never was. */
import type { Logger } from '../../src/core/ports.js';

/** One logged line. */
export interface LoggedLine {
  level: 'debug' | 'info' | 'warn' | 'error';
  msg: string;
  obj: Record<string, unknown>;
}

/** A recording logger: `lines` in order, `text()` all of them as JSON (to look for a secret). */
export function recordingLog(): Logger & { lines: LoggedLine[]; text: () => string } {
  const lines: LoggedLine[] = [];
  const at = (level: LoggedLine['level']) => (obj: object, msg?: string) => void lines.push({ level, msg: msg ?? '', obj: obj as Record<string, unknown> });
  return { lines, text: () => JSON.stringify(lines), debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}
