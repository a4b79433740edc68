/** `web-ext lint` (Mozilla's addons-linter) on the Firefox build: no errors. */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { assertBuilt } from './support.js';

describe('web-ext lint (Firefox build)', () => {
  it('passes with no errors', () => {
    assertBuilt();
    // web-ext's exports hide its bin: climb from its main module to the package root.
    let dir0 = dirname(createRequire(import.meta.url).resolve('web-ext'));
    while (!existsSync(join(dir0, 'bin/web-ext.js'))) dir0 = dirname(dir0);
    const bin = join(dir0, 'bin/web-ext.js');
    const dir = fileURLToPath(new URL('../dist/firefox/', import.meta.url));
    const r = spawnSync(process.execPath, [bin, 'lint', '--source-dir', dir, '--output', 'json', '--no-input'], { encoding: 'utf8', timeout: 120_000 });
    const report = JSON.parse(r.stdout) as { summary: { errors: number; warnings: number }; errors: { code: string; message: string; file?: string }[]; warnings: { code: string; file?: string }[] };
    expect(report.errors.map((e) => `${e.code} ${e.file ?? ''}: ${e.message}`)).toEqual([]);
    expect(report.summary.errors).toBe(0);
    // Known warnings: data_collection_permissions is newer than Firefox 128 (ignored there), and the
    // scanner's Node-only `import()` path, which never runs in a browser.
    for (const w of report.warnings) expect(['KEY_FIREFOX_UNSUPPORTED_BY_MIN_VERSION', 'KEY_FIREFOX_ANDROID_UNSUPPORTED_BY_MIN_VERSION', 'UNSAFE_VAR_ASSIGNMENT']).toContain(w.code);
  }, 150_000);
});
