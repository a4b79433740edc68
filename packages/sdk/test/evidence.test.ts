import { describe, expect, it } from 'vitest';
import { evidenceOf, reverifyEvidence } from '../src/index.js';
import { baseClaims, T0, token, verifier, world } from './world.js';

describe('archived evidence', () => {
  it('re-verifies years later at the recorded time, replay off, and reaches the same outcome', async () => {
    const w = await world();
    const text = await token({ claims: baseClaims({ aud: 'dz-water', scp: ['DZ164-111'] }) });
    const live = await verifier();
    const options = { audience: 'dz-water', matter: 'DZ164-111' };
    const result = await live.verify(text, options);
    expect(result.ok).toBe(true);
    const evidence = evidenceOf(text, result, { trustList: w.trust, pin: w.pin, verifiedAt: T0, trustListSeq: 5, statusLists: [w.status], options });
    const archived = JSON.parse(JSON.stringify(evidence)) as typeof evidence;
    for (let i = 0; i < 2; i++) {
      const again = await reverifyEvidence(archived);
      expect(again.matches).toBe(true);
      expect(again.result.ok).toBe(true);
    }
  });

  it('a tampered archive no longer matches', async () => {
    const w = await world();
    const text = await token();
    const result = await (await verifier()).verify(text);
    const evidence = evidenceOf(text, result, { trustList: w.trust, pin: w.pin, verifiedAt: T0 });
    const forged = { ...evidence, presentation: text.slice(0, -2) + (text.endsWith('A') ? 'Q' : 'A') + text.slice(-1) };
    const again = await reverifyEvidence(forged);
    expect(again.matches).toBe(false);
    expect(again.result.ok).toBe(false);
    const wrongTime = await reverifyEvidence({ ...evidence, verifiedAt: T0 + 3600 });
    expect(wrongTime).toMatchObject({ matches: false, result: { code: 'EXPIRED' } });
  });
});
