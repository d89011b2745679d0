import {
  decodeCursor,
  encodeCursor,
  type HardwareListPage,
  listHardware,
  makeSearchable,
  queryTokens,
  slugifyHardwareId,
} from './hardware-list';
import type { HardwareRecord } from './hardware.types';

const hardwareFactory = (overrides: Partial<HardwareRecord> = {}): HardwareRecord => ({
  id: 'acme-x1',
  name: 'ACME X1',
  vendor: 'ACME',
  kind: 'gpu',
  family: null,
  aliases: [],
  tdpW: 300,
  idleW: 33,
  memoryGb: null,
  releaseYear: null,
  peakTflops: { fp64: null, fp32: null, tf32: null, fp16: null, bf16: null, fp8: null, int8: null },
  embodiedKgCo2e: 150,
  sources: [],
  seed: true,
  ...overrides,
});

const rows = makeSearchable([
  hardwareFactory({
    id: 'nvidia-a100-sxm4-80gb',
    name: 'NVIDIA A100 SXM4 80 GB',
    vendor: 'NVIDIA',
    aliases: ['NVIDIA A100-SXM-80GB', 'A100-80GB'],
  }),
  hardwareFactory({ id: 'nvidia-a100-sxm4-40gb', name: 'NVIDIA A100 SXM4 40 GB', vendor: 'NVIDIA' }),
  hardwareFactory({ id: 'google-tpu-v3', name: 'Google TPU v3', vendor: 'Google', kind: 'tpu', aliases: ['TPUv3 Chip'] }),
  hardwareFactory({ id: 'intel-xeon-e5-2686-v4', name: 'Intel Xeon E5-2686 v4', vendor: 'Intel', kind: 'cpu' }),
  hardwareFactory({ id: 'amd-epyc-7763', name: 'AMD EPYC 7763', vendor: 'AMD', kind: 'cpu' }),
]);

describe('listHardware', () => {
  it('orders by id', () => {
    expect(listHardware(rows, { limit: 10 }).items.map((r) => r.id)).toEqual([
      'amd-epyc-7763',
      'google-tpu-v3',
      'intel-xeon-e5-2686-v4',
      'nvidia-a100-sxm4-40gb',
      'nvidia-a100-sxm4-80gb',
    ]);
  });

  it.each([
    [{ kind: 'cpu' as const }, ['amd-epyc-7763', 'intel-xeon-e5-2686-v4']],
    [{ vendor: 'nvidia' }, ['nvidia-a100-sxm4-40gb', 'nvidia-a100-sxm4-80gb']],
    [{ q: 'a100 80gb' }, ['nvidia-a100-sxm4-80gb']],
    [{ q: 'A100-SXM4' }, ['nvidia-a100-sxm4-40gb', 'nvidia-a100-sxm4-80gb']],
    [{ q: 'tpuv3' }, ['google-tpu-v3']],
    [{ q: 'chip', kind: 'gpu' as const }, []],
    [{ q: '---' }, ['amd-epyc-7763', 'google-tpu-v3', 'intel-xeon-e5-2686-v4', 'nvidia-a100-sxm4-40gb', 'nvidia-a100-sxm4-80gb']],
  ])('filters %j', (filters, ids) => {
    expect(listHardware(rows, { limit: 10, ...filters }).items.map((r) => r.id)).toEqual(ids);
  });

  it('pages with a keyset on id: no duplicates, no gaps, lastId only when more follow', () => {
    const seen: string[] = [];
    let after: string | null = null;
    for (let i = 0; i < 10; i++) {
      const page: HardwareListPage<HardwareRecord> = listHardware(rows, { limit: 2, after });
      seen.push(...page.items.map((r) => r.id));
      after = page.lastId;
      if (!after) break;
    }
    expect(seen).toEqual(listHardware(rows, { limit: 10 }).items.map((r) => r.id));
    expect(listHardware(rows, { limit: 5 }).lastId).toBeNull();
    // A cursor whose row has since been deleted still continues after it.
    expect(listHardware(rows, { limit: 1, after: 'google-tpu-v2' }).items[0].id).toBe('google-tpu-v3');
  });
});

describe('cursors', () => {
  it('round-trip and do not show the id in clear', () => {
    const c = encodeCursor('nvidia-t4');
    expect(c).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(c).not.toContain('nvidia');
    expect(decodeCursor(c)).toBe('nvidia-t4');
  });

  it.each(['', '!!!', 'bm90LWEtY3Vyc29y', Buffer.from('hw1:').toString('base64url'), 'x'.repeat(401)])('rejects %j', (c) => {
    expect(decodeCursor(c)).toBeNull();
  });
});

describe('helpers', () => {
  it.each([
    ['NVIDIA', 'NVIDIA H200 NVL', 'nvidia-h200-nvl'],
    ['ACME', 'X1 96GB', 'acme-x1-96gb'],
    ['Moore Threads (Tencent)', 'MTT S4000', 'moore-threads-tencent-mtt-s4000'],
    ['ACME', '***', 'acme'],
  ])('slugifyHardwareId(%j, %j) = %j', (vendor, name, id) => {
    expect(slugifyHardwareId(vendor, name)).toBe(id);
  });

  it('splits a query into lowercase words', () => {
    expect(queryTokens('  NVIDIA A100-SXM4 (80GB) ')).toEqual(['nvidia', 'a100', 'sxm4', '80gb']);
  });
});
