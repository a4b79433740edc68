/**
 * `npm start` itself: started as `node scripts/start.mjs` on ephemeral ports, it prints its URLs,
 * the pages and endpoints answer, and Ctrl-C (SIGINT) stops it cleanly — with and without a built
 * extension.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'yizhao-start-'));
const running: ChildProcess[] = [];

afterAll(() => {
  for (const child of running) if (child.exitCode === null) child.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

/** Starts `npm start`'s script and resolves with its output once it says how to stop it. */
function start(env: Record<string, string>): Promise<{ child: ChildProcess; out: () => string }> {
  const child = spawn(process.execPath, ['scripts/start.mjs'], { cwd: ROOT, env: { ...process.env, YIZHAO_PORT: '0', YIZHAO_LANG: 'en', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  running.push(child);
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`npm start did not come up:\n${out}`)), 150_000);
    child.stdout!.on('data', () => {
      if (out.includes('Ctrl-C')) {
        clearTimeout(timer);
        resolve({ child, out: () => out });
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`npm start exited early (${code}):\n${out}`));
    });
  });
}

function stop(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    child.once('exit', (code) => resolve(code));
    child.kill('SIGINT');
  });
}

const url = (out: string, label: string) => {
  const line = out.split('\n').find((l) => l.includes(label));
  const m = line?.match(/http:\/\/127\.0\.0\.1:\d+\/\S*/);
  if (!m) throw new Error(`no URL for "${label}" in:\n${out}`);
  return m[0];
};

describe('npm start', () => {
  it('serves the examples and the node service, prints the extension path, and stops on Ctrl-C', async () => {
    const fake = join(dir, 'ext');
    mkdirSync(join(fake, 'chromium'), { recursive: true });
    writeFileSync(join(fake, 'chromium', 'manifest.json'), '{}');
    const { child, out } = await start({ YIZHAO_EXTENSION_DIST: fake });
    const text = out();
    expect(text).toContain('TEST KEYS');
    expect(text).toContain(join(fake, 'chromium'));

    const approval = url(text, 'Approval system');
    const page = await fetch(approval);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('取水许可证新发');
    for (const label of ['Applicant', 'Counter pages', 'Overview']) expect((await fetch(url(text, label))).status).toBe(200);
    expect(await (await fetch(new URL('water-permit-new.html', url(text, 'Counter pages')))).text()).toContain('营业执照');

    const origin = new URL(approval).origin;
    const shown = (await (await fetch(`${origin}/demo/presentations`)).json()) as { text: string; png: string }[];
    expect(shown.length).toBeGreaterThanOrEqual(2);
    for (const p of shown) {
      expect(p.text).toMatch(/^YZL1:/);
      expect(p.png).toMatch(/^data:image\/png;base64,/);
    }
    const qr = await fetch(`${origin}/demo/qr/counter.png`);
    expect(qr.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await qr.arrayBuffer()).subarray(1, 4).toString()).toBe('PNG');

    // The Node service verifies a freshly minted presentation made out to it.
    const minted = (await (await fetch(`${origin}/demo/mint`, { method: 'POST', body: JSON.stringify({ aud: 'dz-water-approval', scp: ['DZ164-111'] }) })).json()) as { text: string };
    const service = url(text, 'Node verification service');
    const verified = (await (await fetch(new URL('verify', service), { method: 'POST', body: JSON.stringify({ presentation: minted.text, matter: 'DZ164-111' }) })).json()) as { ok: boolean; uscc: string };
    expect(verified).toMatchObject({ ok: true, uscc: '91500111MA5U7K3PX2' });

    expect(await stop(child)).toBe(0);
    expect(out()).toContain('Stopping');
    await expect(fetch(approval)).rejects.toThrow(); // the port is closed
  }, 180_000);

  it('comes up without a built extension and says how to build it', async () => {
    const { child, out } = await start({ YIZHAO_EXTENSION_DIST: join(dir, 'missing') });
    expect(out()).toContain('Browser extension not built yet');
    expect((await fetch(url(out(), 'Overview'))).status).toBe(200);
    expect(await stop(child)).toBe(0);
  }, 180_000);
});
