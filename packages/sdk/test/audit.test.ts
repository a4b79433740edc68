import { describe, expect, it } from 'vitest';
import { createRecord, parseRecord, parseRecordBody, recordHash, recordsToCsv, usccKeyedHash, verifyChain, type RecordBody, type RefusalRecord } from '../src/index.js';

const device = '6f1c2d3e-4a5b-4c6d-8e9f-0a1b2c3d4e5f';
const body = (overrides: Partial<RecordBody> = {}): RecordBody => ({
  type: 'paper-licence-demanded',
  matter: { id: 'DZ164-111', name: '取水许可证新发' },
  department: '重庆市大足区水利局',
  page: { url: 'http://127.0.0.1:5173/water', title: '取水许可' },
  findings: [{ rule: 'paper-licence-copy', severity: 'error', match: '营业执照复印件', selector: '#materials > li:nth-child(2)' }],
  reason: '窗口要求提供复印件',
  applicant: { uscc: '91500111MA5U7K3PX2' },
  ignored: null,
  ...overrides,
});

async function chainOf(n: number): Promise<RefusalRecord[]> {
  const out: RefusalRecord[] = [];
  for (let i = 0; i < n; i++) out.push(await createRecord(body({ reason: `第 ${i + 1} 条` }), { device, head: out.at(-1) ?? null, at: 1_800_000_000_000 + i }));
  return out;
}

describe('refusal records', () => {
  it('a fresh chain verifies and every record passes the schema', async () => {
    const records = await chainOf(4);
    expect(records.map((r) => r.seq)).toEqual([1, 2, 3, 4]);
    expect(records[0]!.prev).toBeNull();
    expect(records[1]!.prev).toBe(records[0]!.hash);
    expect(await verifyChain(records, null, device)).toEqual([]);
    for (const r of records) expect(parseRecord(r).ok).toBe(true);
  });

  it('the hash is over the canonical form: key order does not matter, content does', async () => {
    const [r] = await chainOf(1);
    const reordered = Object.fromEntries(Object.entries(r!).reverse()) as RefusalRecord;
    expect(await recordHash(reordered)).toBe(r!.hash);
    expect(await recordHash({ ...r!, reason: '改过' })).not.toBe(r!.hash);
  });

  it('detects an edited record, a gap, a fork and a foreign device', async () => {
    const records = await chainOf(5);
    expect(await verifyChain([records[0]!, { ...records[1]!, reason: '改过' }, ...records.slice(2)])).toMatchObject([{ kind: 'edited', seq: 2 }]);
    expect(await verifyChain([records[0]!, records[1]!, records[3]!, records[4]!])).toMatchObject([{ kind: 'gap', seq: 4 }]);
    const other = await createRecord(body({ reason: '另一个历史' }), { device, head: records[1]!, at: 1 });
    expect(await verifyChain([...records.slice(0, 3), other])).toMatchObject([{ kind: 'fork', seq: 3 }]);
    const alien = await createRecord(body(), { device: '00000000-0000-4000-8000-000000000000', head: records[4]!, at: 2 });
    expect(await verifyChain([...records, alien], null, device)).toMatchObject([{ kind: 'device', seq: 6 }]);
  });

  it('continues from a known head', async () => {
    const records = await chainOf(4);
    expect(await verifyChain(records.slice(2), records[1]!)).toEqual([]);
    expect(await verifyChain(records.slice(3), records[1]!)).toMatchObject([{ kind: 'gap' }]);
  });

  it('the schema refuses unknown members, bad types and oversized text, with a path', () => {
    expect(parseRecordBody({ ...body(), extra: 1 })).toMatchObject({ ok: false });
    const long = parseRecordBody(body({ reason: 'x'.repeat(501) }));
    expect(long.ok === false && long.issues[0]!.path).toBe('reason');
    const badMatter = parseRecordBody(body({ matter: { id: 'DZ999-1', name: 'x' } }));
    expect(badMatter.ok === false && badMatter.issues[0]!.path).toBe('matter.id');
    expect(parseRecord({ ...body(), v: 2 }).ok).toBe(false);
  });

  it('privacy mode hashes the USCC under a key', async () => {
    const key = new Uint8Array(32).fill(7);
    const h = await usccKeyedHash('91500111MA5U7K3PX2', key);
    expect(h).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(await usccKeyedHash('91500111MA5U7K3PX2', key)).toBe(h);
    expect(await usccKeyedHash('91500111MA5U7K3PX2', new Uint8Array(32))).not.toBe(h);
    expect(parseRecordBody(body({ applicant: { usccHash: h } })).ok).toBe(true);
  });

  it('CSV export quotes every cell and neutralises formulas', async () => {
    const [r] = await chainOf(1);
    const csv = recordsToCsv([{ ...r!, reason: '=HYPERLINK("http://evil")' }]);
    const [header, row] = csv.trim().split('\r\n');
    expect(header).toBe('id,device,seq,at,type,matter_id,matter_name,department,page_url,page_title,rules,reason,applicant,prev,hash');
    expect(row).toContain(`"'=HYPERLINK(""http://evil"")"`);
    expect(row).toContain('"DZ164-111"');
  });
});
