import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dayOf, Store } from '../src/store.js';
import { rebuildRollups, stats } from '../src/queries.js';
import { LogSigner } from '../src/sth.js';
import { createRecord, type ChainHead, type RefusalRecord } from '@yizhao/sdk';
import { body } from './support.js';

describe('roll-ups over date ranges (months plus edge days)', () => {
  let store: Store;
  const all: RefusalRecord[] = [];
  beforeAll(async () => {
    store = await Store.open({ database: ':memory:', signer: LogSigner.generate() });
    const depts = ['重庆市大足区水利局', '重庆市大足区档案局', null];
    for (let d = 0; d < 3; d++) {
      const device = crypto.randomUUID();
      // One record a day per device, from 2025-01-20 to late April.
      let head: ChainHead | null = null;
      const spread: RefusalRecord[] = [];
      for (let i = 0; i < 100; i++) {
        const r = await createRecord(body({ department: depts[(i + d) % 3]!, type: i % 2 ? 'e-seal-refused' : 'paper-licence-demanded' }), { device, head, at: Date.parse('2025-01-20T00:00:00Z') + d * 3600_000 + i * 86_400_000 });
        spread.push(r);
        head = { seq: r.seq, hash: r.hash };
      }
      all.push(...spread);
      expect((await store.ingest(device, spread)).flagged).toEqual([]);
    }
  });
  afterAll(() => store?.close());

  const ranges: [string | undefined, string | undefined][] = [
    [undefined, undefined],
    ['2025-02-01', '2025-02-28'],
    ['2025-01-25', '2025-03-10'],
    ['2025-02-15', '2025-02-20'],
    ['2025-01-01', '2025-04-30'],
    ['2025-03-31', '2025-04-01'],
    ['2025-02-01', undefined],
    [undefined, '2025-03-15'],
  ];

  it('count exactly what the records say, for any range and filter', async () => {
    for (const [from, to] of ranges) {
      const inRange = all.filter((r) => (!from || dayOf(r.at) >= from) && (!to || dayOf(r.at) <= to));
      const s = await stats(store.db, { ...(from ? { from } : {}), ...(to ? { to } : {}) });
      expect(s.total, `${from}…${to}`).toBe(inRange.length);
      const water = inRange.filter((r) => r.department === '重庆市大足区水利局').length;
      expect(s.byDepartment.find((c) => c.key === '重庆市大足区水利局')?.n ?? 0).toBe(water);
      expect(s.byDay.reduce((n, c) => n + c.n, 0)).toBe(inRange.length);
      expect(s.byDevice.reduce((n, c) => n + c.n, 0)).toBe(inRange.length);
      const seals = await stats(store.db, { ...(from ? { from } : {}), ...(to ? { to } : {}), type: 'e-seal-refused', department: '(none)' });
      expect(seals.total).toBe(inRange.filter((r) => r.type === 'e-seal-refused' && r.department === null).length);
      const rule = await stats(store.db, { ...(from ? { from } : {}), ...(to ? { to } : {}), rule: 'paper-licence-copy' });
      expect(rule.total).toBe(inRange.length);
    }
  });

  it('rebuilding from the records gives the same roll-ups', async () => {
    const before = await Promise.all(ranges.map(([from, to]) => stats(store.db, { ...(from ? { from } : {}), ...(to ? { to } : {}) })));
    await rebuildRollups(store.db);
    const after = await Promise.all(ranges.map(([from, to]) => stats(store.db, { ...(from ? { from } : {}), ...(to ? { to } : {}) })));
    expect(after).toEqual(before);
  });
});
