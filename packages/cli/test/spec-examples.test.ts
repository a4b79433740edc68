/**
 * The worked examples of the wire-format contract, driven through the CLI exactly as a conformance
 * suite would: `verify --trust trust.jws --pin pin.jwk.json --at <at>` plus each case's args.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { yizhao } from './harness.js';

const dir = fileURLToPath(new URL('../../../tests/fixtures/spec-examples/', import.meta.url));
interface LicenceCase {
  name: string;
  input: string;
  args: string[];
  expect: { ok: boolean; code: string | null; kind: string; uscc?: string };
}
const examples = JSON.parse(readFileSync(`${dir}examples.json`, 'utf8')) as { at: number; licence: LicenceCase[] };
const base = ['--trust', 'trust.jws', '--pin', 'pin.jwk.json', '--at', String(examples.at), '--json'];

describe('spec worked examples (licence)', () => {
  it.each(examples.licence.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const run = await yizhao(['verify', c.input, ...base, ...c.args], { cwd: dir });
    const [line] = run.json();
    expect(run.json()).toHaveLength(1);
    expect(line).toMatchObject(c.expect);
    expect(run.exit).toBe(c.expect.ok ? 0 : 1);
  });

  it('all inputs in one run: JSON Lines in input order, exit 1', async () => {
    const run = await yizhao(['verify', ...examples.licence.filter((c) => c.args.length === 0).map((c) => c.input), ...base], { cwd: dir });
    expect(run.json().map((r) => r.code)).toEqual(examples.licence.filter((c) => c.args.length === 0).map((c) => c.expect.code));
    expect(run.exit).toBe(1);
  });

  it('the status list of the examples is held', async () => {
    const run = await yizhao(['verify', examples.licence[0]!.input, ...base, '--status', 'status.jws'], { cwd: dir });
    expect(run.err).toEqual([]);
    expect(run.json()[0]).toMatchObject({ ok: true, warnings: [] });
  });
});
