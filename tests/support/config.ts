/** What the configuration tests share: a scratch copy of the shipped config, and the ConfigError a call throws. */
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError } from '../../src/core/errors.js';
import { ROOT } from '../helpers.js';

/** A temporary project root holding copies of config/ and briefings/, for tests that edit them. */
export function tempRoot(): string {
  const dir = mkdtempSync(join(tmpdir(), 'briefing-config-'));
  cpSync(join(ROOT, 'config'), join(dir, 'config'), { recursive: true });
  cpSync(join(ROOT, 'briefings'), join(dir, 'briefings'), { recursive: true });
  return dir;
}

/** The ConfigError `fn` throws; any other outcome fails the test. */
export function configError(fn: () => unknown): ConfigError {
  try {
    fn();
  } catch (err) {
    if (err instanceof ConfigError) return err;
    throw err;
  }
  throw new Error('expected a ConfigError');
}
