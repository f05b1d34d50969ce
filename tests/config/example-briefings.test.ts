/** The example briefings under briefings/examples/: valid, and not active until copied. */
import { cpSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BRIEFING_SCHEMA, loadConfig } from '../../src/config/index.js';
import { ROOT } from '../helpers.js';

const EXAMPLES = join(ROOT, 'briefings', 'examples');
const files = readdirSync(EXAMPLES).filter((f) => f.endsWith('.json'));

describe('briefings/examples', () => {
  it('holds the Arabic outlets example', () => {
    expect(files).toContain('arabic-outlets.json');
  });

  for (const name of files) {
    it(`${name} is a valid briefing of Arabic https feeds`, () => {
      const def = BRIEFING_SCHEMA.parse(JSON.parse(readFileSync(join(EXAMPLES, name), 'utf8')));
      expect(def.sources.length).toBeGreaterThan(0);
      for (const s of def.sources) {
        expect(s.kind).toBe('feed');
        expect(new URL(s.url).protocol).toBe('https:');
        expect(s.language).toBe('ar');
      }
    });
  }

  it('is not loaded as active briefings (off by default)', () => {
    const config = loadConfig({ root: ROOT, env: {} });
    const ids = files.map((f) => (JSON.parse(readFileSync(join(EXAMPLES, f), 'utf8')) as { id: string }).id);
    for (const id of ids) expect(config.briefings.map((b) => b.id)).not.toContain(id);
  });

  it('becomes active when copied into briefings/', () => {
    const dir = mkdtempSync(join(tmpdir(), 'briefing-examples-'));
    cpSync(join(ROOT, 'config'), join(dir, 'config'), { recursive: true });
    cpSync(join(ROOT, 'briefings'), join(dir, 'briefings'), { recursive: true });
    cpSync(join(EXAMPLES, 'arabic-outlets.json'), join(dir, 'briefings', 'arabic-outlets.json'));
    const config = loadConfig({ root: dir, env: {} });
    expect(config.briefings.map((b) => b.id).sort()).toEqual(['arabic-outlets', 'morning']);
  });
});
