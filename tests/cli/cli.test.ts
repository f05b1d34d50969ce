import { createServer } from 'node:http';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, SAMPLE_PATH } from '../helpers.js';

/** The cases below each start Node with tsx (10-20 s on a loaded 2-core machine): a generous bound, never a measure. */
const tmp = mkdtempSync(join(tmpdir(), 'briefing-cli-'));

/** The environment without DATABASE_URL: these tests are about the offline default (SQLite). */
function withoutDatabaseUrl(): NodeJS.ProcessEnv {
  const { DATABASE_URL: _ignored, ...rest } = process.env;
  return rest;
}

function run(script: string, args: string[], env: Record<string, string> = {}, input?: string) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'src/cli', script), ...args], {
    cwd: ROOT,
    env: { ...withoutDatabaseUrl(), LOG_LEVEL: 'warn', SQLITE_PATH: join(tmp, `${Math.random()}.db`), ...env },
    encoding: 'utf8',
    timeout: 60_000,
    ...(input !== undefined ? { input } : {}),
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('npm start -- --once', { timeout: 120_000 }, () => {
  it('composes the morning briefing from the samples, prints it in Arabic and exits 0', () => {
    const r = run('main.ts', ['--once']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('موجز الصباح');
    expect(r.stdout).toContain('المغرب يدعو إلى تعاون استخباراتي عادل في مواجهة المخاطر');
    expect(r.stdout).toMatch(/• /);
  });

  it('exits non-zero on a bad configuration value, naming the key, without a stack trace', () => {
    const r = run('main.ts', ['--once'], { LOG_LEVEL: 'loud' });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('logLevel');
    expect(r.stderr).not.toMatch(/^\s+at /m);
  });

  it('rejects an unknown option', () => {
    expect(run('main.ts', ['--twice']).code).toBe(2);
  });
});

describe('npm run compose', { timeout: 120_000 }, () => {
  it('refuses a misspelt option instead of ignoring it, exit 2, no stack trace', () => {
    const r = run('compose.ts', [SAMPLE_PATH, '--bulets', '1']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('compose: unknown option --bulets (did you mean --bullets?)');
    expect(r.stderr).not.toMatch(/^\s+at /m);
  });

  it('prints the digest of the sample article, as the README shows it', () => {
    const r = run('compose.ts', [SAMPLE_PATH]);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[0]).toBe('المغرب يدعو إلى تعاون استخباراتي عادل في مواجهة المخاطر');
    expect(r.stdout).toMatch(/^• /m);
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const shown = /`npm run compose -- briefings\/samples\/morocco-security-cooperation\.txt` prints:\n\n```\n([\s\S]*?)```/.exec(readme)?.[1];
    expect(shown, 'the README\'s sample digest').toBeDefined();
    expect(r.stdout.trim()).toBe(shown!.trim());
  });

  it('reads standard input with -', () => {
    const r = run('compose.ts', ['-', '--json'], {}, 'عنوان\n\nأعلنت وزارة الصحة اليوم تسجيل تراجع في عدد الإصابات بنسبة 20 في المئة خلال الأسبوع الماضي.');
    expect(r.code).toBe(0);
    const digest = JSON.parse(r.stdout) as { bullets: { text: string }[] };
    expect(digest.bullets[0]!.text).toContain('20 في المئة');
  });

  it('explains in one line and exits non-zero when nothing can be composed', () => {
    const empty = join(tmp, 'empty.txt');
    writeFileSync(empty, '');
    const r = run('compose.ts', [empty]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/لم يُنشأ ملخص/);
    // Nothing on stdout: no empty headline and no «المصدر» line of a digest that is not there.
    expect(r.stdout).toBe('');
    const english = join(tmp, 'english.txt');
    writeFileSync(english, 'Title\n\nThe central bank raised interest rates by half a point on Tuesday.');
    const e = run('compose.ts', [english]);
    expect(e.code).toBe(1);
    expect(e.stderr).toMatch(/not in Arabic/);
  });

  it('says so when the file does not exist', () => {
    const r = run('compose.ts', [join(tmp, 'missing.txt')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/cannot read/);
  });

  it('names a .json article that is not JSON, and what one looks like', () => {
    const file = join(tmp, 'خبر.json');
    writeFileSync(file, '{ "title": "افتتاح المعرض", "text": "افتتح الوزير المعرض" ');
    const r = run('compose.ts', [file]);
    expect(r.code).toBe(1);
    // The parser's own words in the parentheses vary with the Node version.
    expect(r.stderr).toMatch(/^compose: \S+خبر\.json is not valid JSON \(.+\): a \.json article is \{ "title": "…", "text": "…" \}; fix the file\.\n$/);
  });
});

describe('npm start (serving)', { timeout: 120_000 }, () => {
  it('serves /healthz, keeps running, and exits 0 on SIGTERM', async () => {
    const { spawn } = await import('node:child_process');
    const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'src/cli/main.ts')], {
      cwd: ROOT,
      env: { ...withoutDatabaseUrl(), LOG_LEVEL: 'info', PORT: '0', SQLITE_PATH: join(tmp, `serve-${Math.random()}.db`) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    let stdout = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    const port = await new Promise<number>((resolve, reject) => {
      child.stderr.on('data', (c: Buffer) => {
        stderr += c.toString();
        const m = /"port":(\d+)/.exec(stderr);
        if (m) resolve(Number(m[1]));
      });
      child.on('exit', () => reject(new Error(`exited early: ${stderr}`)));
    });
    expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
    expect(stdout).toContain('موجز الصباح');
    const code = await new Promise<number | null>((resolve) => {
      child.on('exit', (c) => resolve(c));
      child.kill('SIGTERM');
    });
    expect(code).toBe(0);
  });
});

describe('npm start on a busy port', { timeout: 120_000 }, () => {
  it('exits 1 and says to set PORT, without a stack trace', async () => {
    const { createServer } = await import('node:net');
    const blocker = createServer();
    const port = await new Promise<number>((r) => blocker.listen(0, () => r((blocker.address() as { port: number }).port)));
    try {
      const r = run('main.ts', [], { PORT: String(port), LOG_LEVEL: 'silent' });
      expect(r.code).toBe(1);
      expect(r.stderr).toContain(`Port ${port} is in use: set PORT`);
      expect(r.stderr).not.toMatch(/^\s+at /m);
    } finally {
      blocker.close();
    }
  });
});

describe('npm run extract', { timeout: 120_000 }, () => {
  it('prints only the JSON of the article on stdout', () => {
    const page = join(tmp, 'page.html');
    writeFileSync(
      page,
      `<html><head><title>خبر الاختبار | موقع</title></head><body><article><h1>خبر الاختبار</h1>${'<p>أعلنت وزارة النقل اليوم تشغيل خط جديد للحافلات الكهربائية بين المدينتين، وقالت إن الرحلة تستغرق ساعة واحدة فقط.</p>'.repeat(4)}</article></body></html>`,
    );
    const r = run('extract.ts', [page]);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout) as { title: string; published: string | null; sections: { paragraphs: string[] }[] };
    expect(json.title).toBe('خبر الاختبار');
    expect(json.published).toBeNull();
    expect(json.sections.flatMap((s) => s.paragraphs)).toHaveLength(4);
  });

  it('says so, on stderr, when there is no article', () => {
    const page = join(tmp, 'empty.html');
    writeFileSync(page, '<html><body><nav>قائمة</nav></body></html>');
    const r = run('extract.ts', [page]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/No article text was found/);
  });
});

describe('npm run compose on a feed', { timeout: 120_000 }, () => {
  it('prints a digest per item of a feed file', () => {
    const feed = join(tmp, 'feed.xml');
    writeFileSync(
      feed,
      `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>موجز</title>
<item><title>ارتفاع أسعار الذهب</title><link>https://example.com/1</link><description>ارتفعت أسعار الذهب اليوم إلى أعلى مستوى لها منذ عام بسبب تراجع الدولار.</description></item>
<item><title>افتتاح معرض الكتاب</title><link>https://example.com/2</link><description>افتتح معرض الكتاب الدولي أبوابه أمام الزوار بمشاركة خمسمئة دار نشر من ثلاثين دولة.</description></item>
</channel></rss>`,
    );
    const r = run('compose.ts', [feed]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('ارتفاع أسعار الذهب');
    expect(r.stdout).toContain('افتتاح معرض الكتاب');
  });
});

describe('healthcheck', { timeout: 120_000 }, () => {
  it('prints its usage for --help and refuses a timeout that is no number, without asking anything', () => {
    const help = run('healthcheck.ts', ['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Usage: node dist\/cli\/healthcheck\.js/);
    const bad = run('healthcheck.ts', ['--timeout', 'خمسة']);
    // 1, not 2: Docker reserves 2 in a HEALTHCHECK.
    expect(bad.code).toBe(1);
    expect(bad.stderr).toBe('healthcheck: --timeout takes milliseconds, e.g. --timeout 5000 (got "خمسة")\n');
  });

  it('says why no instance answered, and never prints a password given in --url', async () => {
    // A port where nothing listens: one the system just gave and took back.
    const probe = createServer();
    await new Promise<void>((r) => probe.listen(0, '127.0.0.1', () => r()));
    const port = (probe.address() as { port: number }).port;
    await new Promise<void>((r) => probe.close(() => r()));
    const refused = run('healthcheck.ts', ['--url', `http://127.0.0.1:${port}/healthz`]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toBe(`healthcheck: http://127.0.0.1:${port}/healthz did not answer: connection refused: is the bot running, and is PORT (or --url) the port it listens on?\n`);
    const secret = run('healthcheck.ts', ['--url', `http://ops:Sesame-42@127.0.0.1:${port}/healthz`]);
    expect(secret.code).toBe(1);
    expect(secret.stderr).not.toContain('Sesame-42');
  });
});

describe('eval and train options', { timeout: 120_000 }, () => {
  it('refuse a misspelt option before reading any data (train topics --chek would have rebuilt the model)', () => {
    const missing = join(tmp, 'لا-يوجد.jsonl');
    const train = run('train.ts', ['topics', '--chek', '--data', missing]);
    expect(train.code).toBe(2);
    expect(train.stderr).toMatch(/^train: unknown option --chek \(did you mean --check\?\)/);
    const evaluation = run('eval.ts', ['topics', '--treshold', '0.5', '--data', missing]);
    expect(evaluation.code).toBe(2);
    expect(evaluation.stderr).toMatch(/^eval: unknown option --treshold \(did you mean --threshold\?\)/);
  });
});
