/** A start leaves out a briefing file it cannot use (told once, with what to fix) and runs the others; the checking tools stay strict. */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig, type BriefingWarning } from '../../src/config/index.js';
import { configError, tempRoot } from '../support/config.js';

/** A root with the shipped morning briefing, an evening one that is not JSON and a weekly one with a bad time. */
function rootWithBadFiles(): string {
  const root = tempRoot();
  const morning = JSON.parse(readFileSync(join(root, 'briefings', 'morning.json'), 'utf8')) as Record<string, unknown>;
  // A comma forgotten at the end of line 3.
  writeFileSync(join(root, 'briefings', 'evening.json'), '{\n  "id": "evening",\n  "title": "موجز المساء"\n  "deliveryTime": "19:00"\n}\n');
  writeFileSync(join(root, 'briefings', 'weekly.json'), JSON.stringify({ ...morning, id: 'weekly', title: 'موجز الأسبوع', deliveryTime: '25:00' }));
  return root;
}

describe('a briefing file that cannot be used', () => {
  it('at a start: is left out and told once with its path and what to fix; the other briefings load', () => {
    const root = rootWithBadFiles();
    const told: BriefingWarning[] = [];
    const config = loadConfig({ root, env: {}, onBriefingLeftOut: (w) => told.push(w) });
    expect(config.briefings.map((b) => b.id)).toEqual(['morning']);
    expect(config.defaultBriefing).toBe('morning');
    expect(told.map((w) => w.where)).toEqual(['briefings/evening.json', 'briefings/weekly.json']);
    expect(told[0]!.problems).toEqual(['not valid JSON at line 4, column 3: a comma expected between two entries (at the end of the line before?)']);
    expect(told[1]!.problems).toHaveLength(1);
    expect(told[1]!.problems[0]).toMatch(/^deliveryTime: /);
  });

  it('for the checking tools (no onBriefingLeftOut): stays an error naming each file', () => {
    const err = configError(() => loadConfig({ root: rootWithBadFiles(), env: {} }));
    expect(err.message).toContain('briefings/evening.json: not valid JSON at line 4');
    expect(err.message).toMatch(/deliveryTime \[briefings\/weekly\.json\]/);
  });

  it('at a start with no usable briefing at all: fails, naming each file and saying to fix one', () => {
    const root = rootWithBadFiles();
    rmSync(join(root, 'briefings', 'morning.json'));
    const told: BriefingWarning[] = [];
    const err = configError(() => loadConfig({ root, env: {}, onBriefingLeftOut: (w) => told.push(w) }));
    expect(told).toEqual([]);
    expect(err.message).toContain('briefings/evening.json: not valid JSON at line 4');
    expect(err.message).toContain('briefings/weekly.json: deliveryTime: ');
    expect(err.message).toContain('briefings [briefings]: no briefing file could be used: fix one of those above');
    expect(err.message).not.toContain('at least one briefing in the briefings folder');
  });

  it('when it is the default briefing\'s: the start fails naming that file (no other briefing stands in: commands and buttons naming none mean the default); a misspelt defaultBriefing fails too', () => {
    const root = rootWithBadFiles();
    writeFileSync(join(root, 'briefings', 'morning.json'), '');
    writeFileSync(join(root, 'briefings', 'weekly.json'), readFileSync(join(root, 'briefings', 'weekly.json'), 'utf8').replace('25:00', '08:00'));
    const told: BriefingWarning[] = [];
    const err = configError(() => loadConfig({ root, env: {}, onBriefingLeftOut: (w) => told.push(w) }));
    expect(told).toEqual([]);
    expect(err.message).toContain('briefings/morning.json: ');
    expect(err.message).toContain('defaultBriefing [config]: "morning" is the briefing of briefings/morning.json, left out above: fix that file (the other briefings are weekly)');
    // A misspelt defaultBriefing beside an unrelated broken file is not taken for a broken default.
    const typo = rootWithBadFiles();
    writeFileSync(join(typo, 'config', 'local.json'), JSON.stringify({ defaultBriefing: 'mornin' }));
    expect(configError(() => loadConfig({ root: typo, env: {}, onBriefingLeftOut: () => undefined })).message).toContain('"mornin" is not one of the briefings that loaded (morning): set defaultBriefing to one of those');
    // With every file fine, as before.
    const fine = tempRoot();
    writeFileSync(join(fine, 'config', 'local.json'), JSON.stringify({ defaultBriefing: 'mornin' }));
    expect(configError(() => loadConfig({ root: fine, env: {}, onBriefingLeftOut: () => undefined })).message).toContain('"mornin" is not one of the briefings');
  });
});
