/**
 * The deployment files cannot be run here (no Docker daemon, no systemd as PID 1): these checks
 * keep them pointing at files that exist and saying what .ci/run exercises outside Docker.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers.js';

const read = (p: string) => readFileSync(join(ROOT, p), 'utf8');
/** dist/x/y.js → src/x/y.ts */
const sourceOf = (dist: string) => join(ROOT, dist.replace(/^dist\//, 'src/').replace(/\.js$/, '.ts'));

describe('Dockerfile', () => {
  const text = read('Dockerfile');
  const instructions = text.split('\n').filter((l) => /^[A-Z]+\s/.test(l));

  it('builds in one stage and runs in another, as the node user, under an init process', () => {
    expect(instructions.filter((l) => l.startsWith('FROM '))).toHaveLength(2);
    expect(text).toMatch(/^FROM node:20\S* AS build$/m);
    expect(text).toMatch(/^RUN npm ci\b/m);
    expect(text).toMatch(/^RUN npm run build && npm prune --omit=dev\b/m);
    expect(text).toMatch(/^USER node$/m);
    expect(text).toContain('ENTRYPOINT ["/usr/bin/tini", "--"]');
  });

  it('starts and health-checks compiled entry points that exist', () => {
    const cmd = /^CMD \["node", "([^"]+)"\]$/m.exec(text);
    expect(cmd?.[1]).toBe('dist/cli/main.js');
    const health = /HEALTHCHECK[^\n]*\\\n\s+CMD \["node", "([^"]+)"((?:, "[^"]+")*)\]/.exec(text);
    expect(health?.[1]).toBe('dist/cli/healthcheck.js');
    // Docker restarts what is stuck, never what waits on Telegram or Slack: the liveness check.
    expect(health?.[2]).toBe(', "--path", "/livez"');
    for (const entry of [cmd![1]!, health![1]!]) expect(existsSync(sourceOf(entry)), entry).toBe(true);
  });

  it('copies only paths the repository has', () => {
    for (const line of instructions.filter((l) => l.startsWith('COPY ') && !l.includes('--from='))) {
      const paths = line.split(/\s+/).slice(1, -1);
      for (const p of paths) expect(existsSync(join(ROOT, p)), p).toBe(true);
    }
  });
});

describe('compose.yaml', () => {
  const text = read('compose.yaml');

  it('has PostgreSQL with a healthcheck and two bot instances that wait for it to be healthy', () => {
    expect(text).toMatch(/^ {2}postgres:\n(?: {4}.*\n)*? {4}healthcheck:\n {6}test: \["CMD-SHELL", "pg_isready/m);
    expect(text).toMatch(/depends_on:\n\s+postgres:\n\s+condition: service_healthy/);
    expect(text.match(/^ {2}bot-\d:\n {4}<<: \*bot$/gm)).toHaveLength(2);
    expect(text).toMatch(/^volumes:\n {2}pgdata:/m);
    expect(text).toContain('INSTANCE_NAME: bot-1');
    expect(text).toContain('INSTANCE_NAME: bot-2');
  });

  it('passes only variables the config reads', () => {
    const example = read('config/.env.example');
    const names = [...text.matchAll(/^\s+([A-Z_]+): /gm)].map((m) => m[1]!).filter((n) => !n.startsWith('POSTGRES_'));
    for (const name of names) expect(example, name).toMatch(new RegExp(`^#?\\s*${name}=`, 'm'));
  });
});

describe('deploy/briefing-bot.service', () => {
  const text = read('deploy/briefing-bot.service');

  it('runs the compiled app from the checkout and lets it write only data/', () => {
    const exec = /^ExecStart=\/usr\/bin\/node (\S+)$/m.exec(text);
    expect(exec?.[1]).toBe('dist/cli/main.js');
    expect(existsSync(sourceOf(exec![1]!))).toBe(true);
    const dir = /^WorkingDirectory=(\S+)$/m.exec(text)![1]!;
    expect(text).toContain(`ReadWritePaths=${dir}/data`);
    expect(text).toMatch(/^KillSignal=SIGTERM$/m);
  });
});

describe('.ci/run', () => {
  it('runs the commands of the Dockerfile outside Docker', () => {
    const ci = read('.ci/run');
    for (const command of ['npm ci', 'npm run build', 'npm run -s start:prod -- --once', 'npm prune --omit=dev', 'node dist/cli/healthcheck.js', 'kill -TERM']) expect(ci).toContain(command);
  });
});
