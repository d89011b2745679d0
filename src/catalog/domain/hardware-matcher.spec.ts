/**
 * The matcher over the real curated seed (seed/hardware.json + seed/cpus.json + seed/hardware-families.json):
 * the names people have resolve to the right rows, the facts that estimates depend on are right, and the
 * catalog is internally consistent (no shared aliases, sources everywhere, dense FLOP/s only).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { HardwareIndex, HardwareIndexError, normalizeHardwareName } from './hardware-matcher';
import { PRECISIONS, type HardwareFamilies, type HardwareRecord, type Precision } from './hardware.types';

const repoRoot = resolve(__dirname, '..', '..', '..');
const readJson = <T>(rel: string): T => JSON.parse(readFileSync(resolve(repoRoot, rel), 'utf8')) as T;

const accelerators = readJson<HardwareRecord[]>('seed/hardware.json');
const cpus = readJson<HardwareRecord[]>('seed/cpus.json');
const families = readJson<HardwareFamilies>('seed/hardware-families.json');
const rows = [...accelerators, ...cpus];
const index = new HardwareIndex(rows, families);
const byId = new Map(rows.map((r) => [r.id, r]));
const row = (id: string): HardwareRecord => {
  const r = byId.get(id);
  if (!r) throw new Error(`no row ${id}`);
  return r;
};

describe('normalizeHardwareName', () => {
  it.each([
    ['Tesla V100-SXM2-16GB', 'v100sxm2_16gb'],
    ['NVIDIA Tesla V100 SXM2 16 GB', 'v100sxm2_16gb'],
    ['NVIDIA V100', 'v100'],
    ['V100', 'v100'],
    ['NVIDIA A100-SXM4-80GB', 'a100sxm4_80gb'],
    ['NVIDIA A100 SXM4 80 GB', 'a100sxm4_80gb'],
    ['TPU v3', 'tpuv3'],
    ['Google TPU v3', 'tpuv3'],
    ['TPUv3', 'tpuv3'],
    ['Intel(R) Xeon(R) CPU E5-2686 v4 @ 2.30GHz', 'intelxeone5_2686v4'],
    ['AMD EPYC 7763 64-Core Processor', 'amdepyc7763'],
    ['  nvidia   h100   80gb  hbm3 ', 'h100_80gbhbm3'],
  ])('%s -> %s', (input, expected) => {
    expect(normalizeHardwareName(input)).toBe(expected);
  });

  it.each([
    ['AMD Opteron X2 170', 'AMD Opteron X2170'],
    ['Intel Celeron 2.20', 'Intel Celeron 220'],
    ['Intel A100', 'A100'],
    ['NVIDIA A10', 'NVIDIA A100'],
    ['Tesla V100S', 'Tesla V100'],
  ])('keeps distinct products apart: %s vs %s', (a, b) => {
    expect(normalizeHardwareName(a)).not.toBe(normalizeHardwareName(b));
  });
});

describe('HardwareIndex over the seed', () => {
  describe('published validation cases', () => {
    // Every hardware ref the published cases use (validation/published-training-cases.json): the names the
    // publications print, so the catalog's aliases are exercised.
    const casesPath = resolve(repoRoot, 'validation', 'published-training-cases.json');
    const refs = (JSON.parse(readFileSync(casesPath, 'utf8')) as { request: { hardware?: { ref?: string } } }[])
      .map((c) => c.request.hardware?.ref)
      .filter((r): r is string => typeof r === 'string');
    it('the cases name the devices of the four publications', () => {
      expect([...new Set(refs)].sort()).toEqual(
        expect.arrayContaining(['NVIDIA A100 SXM4 80GB', 'NVIDIA A100-80GB', 'NVIDIA P100', 'NVIDIA V100', 'TPU v2', 'TPU v3']),
      );
    });
    it.each([...new Set(refs)])('resolves %s', (ref) => {
      expect(index.resolve(ref)).not.toBeNull();
    });
  });

  it.each([
    // nvidia-smi
    ['Tesla V100-SXM2-16GB', 'nvidia-v100-sxm2-16gb', 'alias'],
    ['Tesla V100-SXM2-32GB', 'nvidia-v100-sxm2-32gb', 'alias'],
    ['Tesla V100-PCIE-16GB', 'nvidia-v100-pcie-16gb', 'alias'],
    ['NVIDIA A100-SXM4-80GB', 'nvidia-a100-sxm4-80gb', 'alias'],
    ['NVIDIA A100-SXM4-40GB', 'nvidia-a100-sxm4-40gb', 'alias'],
    ['NVIDIA A100-PCIE-40GB', 'nvidia-a100-pcie-40gb', 'alias'],
    ['NVIDIA A100 80GB PCIe', 'nvidia-a100-pcie-80gb', 'alias'],
    ['NVIDIA H100 80GB HBM3', 'nvidia-h100-sxm5-80gb', 'alias'],
    ['NVIDIA H100 PCIe', 'nvidia-h100-pcie-80gb', 'alias'],
    ['NVIDIA H100 NVL', 'nvidia-h100-nvl-94gb', 'alias'],
    ['NVIDIA H200', 'nvidia-h200-sxm-141gb', 'alias'],
    ['Tesla T4', 'nvidia-t4', 'alias'],
    ['Tesla P100-PCIE-16GB', 'nvidia-p100-pcie-16gb', 'alias'],
    ['Tesla K80', 'nvidia-k80', 'alias'],
    ['NVIDIA A10G', 'nvidia-a10g', 'alias'],
    ['NVIDIA A10', 'nvidia-a10', 'alias'],
    ['NVIDIA L4', 'nvidia-l4', 'alias'],
    ['NVIDIA L40S', 'nvidia-l40s', 'alias'],
    ['NVIDIA GeForce RTX 4090', 'nvidia-geforce-rtx-4090', 'alias'],
    // model cards and papers
    ['H100-80GB', 'nvidia-h100-sxm5-80gb', 'alias'],
    ['A100-80GB', 'nvidia-a100-sxm4-80gb', 'alias'],
    ['NVIDIA A100-80GB', 'nvidia-a100-sxm4-80gb', 'alias'],
    ['NVIDIA A100 SXM4 80GB', 'nvidia-a100-sxm4-80gb', 'alias'],
    ['TPU v3', 'google-tpu-v3', 'alias'],
    ['TPU v2', 'google-tpu-v2', 'alias'],
    ['RTX 4090', 'nvidia-geforce-rtx-4090', 'alias'],
    // cloud docs
    ['TPU v5p', 'google-tpu-v5p', 'alias'],
    ['TPU v5e', 'google-tpu-v5e', 'alias'],
    ['Trillium', 'google-tpu-v6e', 'alias'],
    ['TPU v4', 'google-tpu-v4', 'alias'],
    ['Ironwood', 'google-tpu-v7', 'alias'],
    ['MI300X', 'amd-instinct-mi300x', 'alias'],
    ['Gaudi 3', 'intel-gaudi3', 'alias'],
    ['Trainium2', 'aws-trainium2', 'alias'],
    // ids, any case
    ['nvidia-h100-sxm5-80gb', 'nvidia-h100-sxm5-80gb', 'id'],
    ['GOOGLE-TPU-V3', 'google-tpu-v3', 'id'],
    // CPUs as /proc/cpuinfo prints them
    ['Intel(R) Xeon(R) CPU E5-2686 v4 @ 2.30GHz', 'intel-xeon-e5-2686-v4', 'alias'],
    ['Intel(R) Xeon(R) Gold 6148 CPU @ 2.40GHz', 'intel-xeon-gold-6148', 'alias'],
    ['AMD EPYC 7763 64-Core Processor', 'amd-epyc-7763', 'alias'],
    ['EPYC 7763', 'amd-epyc-7763', 'alias'],
    ['Intel A100', 'intel-a100', 'alias'],
  ])('%s -> %s (%s)', (ref, id, matchedBy) => {
    const res = index.resolve(ref);
    expect(res?.hardware.id).toBe(id);
    expect(res?.matchedBy).toBe(matchedBy);
    expect(res?.resolvedFrom).toBeNull();
    expect(res?.warnings).toEqual([]);
  });

  it.each([
    ['V100', 'nvidia-v100-sxm2-16gb', 'V100'],
    ['NVIDIA V100', 'nvidia-v100-sxm2-16gb', 'V100'],
    ['Tesla V100', 'nvidia-v100-sxm2-16gb', 'V100'],
    ['H100', 'nvidia-h100-sxm5-80gb', 'H100'],
    ['NVIDIA H100', 'nvidia-h100-sxm5-80gb', 'H100'],
    ['A100', 'nvidia-a100-sxm4-80gb', 'A100'],
    ['NVIDIA A100', 'nvidia-a100-sxm4-80gb', 'A100'],
    ['P100', 'nvidia-p100-pcie-16gb', 'P100'],
    ['NVIDIA P100', 'nvidia-p100-pcie-16gb', 'P100'],
    ['NVIDIA Tesla P100', 'nvidia-p100-pcie-16gb', 'P100'],
    ['NVIDIA H800', 'nvidia-h800-sxm5-80gb', 'H800'],
  ])('bare family %s -> default %s with a warning', (ref, id, family) => {
    const res = index.resolve(ref);
    expect(res?.hardware.id).toBe(id);
    expect(res?.matchedBy).toBe('family');
    expect(res?.resolvedFrom?.input).toBe(ref);
    expect(res?.resolvedFrom?.family).toBe(family);
    expect(res?.resolvedFrom?.defaultVariant).toBe(id);
    expect(res?.resolvedFrom?.alternatives?.length).toBeGreaterThan(0);
    expect(res?.resolvedFrom?.alternatives).not.toContain(id);
    expect(res?.warnings).toHaveLength(1);
    expect(res?.warnings[0]).toContain(id);
    for (const alt of res?.resolvedFrom?.alternatives ?? []) expect(res?.warnings[0]).toContain(alt);
  });

  it('names every V100 variant when resolving the bare family', () => {
    expect(index.resolve('V100')?.resolvedFrom?.alternatives).toEqual(
      expect.arrayContaining(['nvidia-v100-pcie-16gb', 'nvidia-v100-pcie-32gb', 'nvidia-v100-sxm2-32gb']),
    );
  });

  describe('facts estimates depend on', () => {
    it.each([
      ['nvidia-v100-sxm2-16gb', 300],
      ['nvidia-v100-sxm2-32gb', 300],
      ['nvidia-v100-pcie-16gb', 250],
      ['nvidia-v100-pcie-32gb', 250],
      ['nvidia-t4', 70],
      ['nvidia-a100-sxm4-40gb', 400],
      ['nvidia-a100-sxm4-80gb', 400],
      ['nvidia-a100-pcie-40gb', 250],
      ['nvidia-a100-pcie-80gb', 300],
      ['nvidia-h100-sxm5-80gb', 700],
      ['nvidia-geforce-rtx-4070', 200],
      ['google-tpu-v3', 450],
    ])('%s TDP %d W', (id, tdp) => {
      expect(row(id).tdpW).toBeCloseTo(tdp, 6);
    });

    it.each([
      ['nvidia-h100-sxm5-80gb', 'bf16', 989.4],
      ['nvidia-h100-sxm5-80gb', 'fp16', 989.4],
      ['nvidia-h100-sxm5-80gb', 'tf32', 494.7],
      ['nvidia-h100-sxm5-80gb', 'fp8', 1978.9],
      ['nvidia-a100-sxm4-80gb', 'bf16', 312],
      ['nvidia-a100-sxm4-80gb', 'tf32', 156],
      ['nvidia-h100-nvl-94gb', 'bf16', 835.5],
      ['nvidia-v100-sxm2-16gb', 'fp16', 125],
      ['google-tpu-v3', 'bf16', 123],
      ['nvidia-l40s', 'bf16', 362.05],
    ] as [string, Precision, number][])('%s dense %s %d TFLOP/s', (id, precision, value) => {
      expect(row(id).peakTflops[precision]).toBeCloseTo(value, 1);
    });

    it.each([
      ['nvidia-v100-sxm2-16gb', 'bf16'],
      ['nvidia-t4', 'bf16'],
      ['google-tpu-v3', 'fp16'],
      ['google-tpu-v6e', 'fp8'],
      ['nvidia-jetson-agx-xavier', 'fp32'],
      ['nvidia-l40s', 'fp32'],
    ] as [string, Precision][])('%s has no %s figure (unsupported or unreliable)', (id, precision) => {
      expect(row(id).peakTflops[precision]).toBeNull();
    });

    // NVIDIA's with-sparsity figures, which must never appear as dense peaks.
    it.each([
      ['nvidia-h100-sxm5-80gb', 'bf16', 1979],
      ['nvidia-h100-sxm5-80gb', 'fp16', 1979],
      ['nvidia-h100-sxm5-80gb', 'tf32', 989],
      ['nvidia-h100-sxm5-80gb', 'fp32', 989],
      ['nvidia-h100-sxm5-80gb', 'fp8', 3958],
      ['nvidia-h100-pcie-80gb', 'bf16', 1513],
      ['nvidia-h100-nvl-94gb', 'bf16', 1671],
      ['nvidia-a100-sxm4-80gb', 'bf16', 624],
      ['nvidia-a100-sxm4-80gb', 'tf32', 312],
      ['nvidia-a100-sxm4-80gb', 'int8', 1248],
      ['nvidia-a100-pcie-40gb', 'bf16', 624],
      ['nvidia-l4', 'bf16', 242],
      ['nvidia-l40s', 'bf16', 733],
      ['nvidia-l40s', 'tf32', 366],
      ['nvidia-a30', 'bf16', 330],
    ] as [string, Precision, number][])('%s %s is not the sparsity figure %d', (id, precision, sparse) => {
      const v = row(id).peakTflops[precision];
      if (v !== null) expect(Math.abs(v - sparse)).toBeGreaterThan(sparse * 0.02);
    });

    it('never uses the with-sparsity doubling for H100-class bf16 (the ML CO2 Impact trap)', () => {
      for (const r of accelerators.filter((x) => /^nvidia-h(100|200|800)/.test(x.id))) {
        expect(r.peakTflops.bf16 ?? 0).toBeLessThan(1000);
      }
    });
  });

  describe('coverage', () => {
    it('has >= 120 GPUs, >= 6 TPU generations, >= 500 CPUs', () => {
      expect(rows.filter((r) => r.kind === 'gpu').length).toBeGreaterThanOrEqual(120);
      const tpuFamilies = new Set(rows.filter((r) => r.kind === 'tpu').map((r) => r.family));
      expect(tpuFamilies.size).toBeGreaterThanOrEqual(6);
      for (const f of ['TPU v2', 'TPU v3', 'TPU v4', 'TPU v5e', 'TPU v5p', 'TPU v6e']) expect(tpuFamilies).toContain(f);
      expect(rows.filter((r) => r.kind === 'cpu').length).toBeGreaterThanOrEqual(500);
    });

    it('keeps CPUs in cpus.json and accelerators in hardware.json', () => {
      expect(accelerators.every((r) => r.kind !== 'cpu')).toBe(true);
      expect(cpus.every((r) => r.kind === 'cpu')).toBe(true);
    });

    it('is sorted by kind then id', () => {
      const order = ['gpu', 'tpu', 'accelerator', 'cpu'];
      const sorted = [...rows].sort((a, b) => order.indexOf(a.kind) - order.indexOf(b.kind) || a.id.localeCompare(b.id));
      expect(rows.map((r) => r.id)).toEqual(sorted.map((r) => r.id));
    });
  });

  describe('row hygiene', () => {
    it('every row has a licensed source, a positive TDP and idle below TDP', () => {
      const bad: string[] = [];
      for (const r of rows) {
        if (r.sources.length === 0) bad.push(`${r.id}: no source`);
        for (const s of r.sources) {
          if (!s.url.trim() || !s.license.trim() || !s.name.trim()) bad.push(`${r.id}: incomplete source ${s.name}`);
        }
        if (!(r.tdpW > 0)) bad.push(`${r.id}: tdpW ${r.tdpW}`);
        if (!(r.idleW >= 0 && r.idleW < r.tdpW)) bad.push(`${r.id}: idleW ${r.idleW} vs tdpW ${r.tdpW}`);
        if (!(r.embodiedKgCo2e > 0)) bad.push(`${r.id}: embodiedKgCo2e ${r.embodiedKgCo2e}`);
        if (r.seed !== true) bad.push(`${r.id}: seed flag`);
        for (const p of PRECISIONS) {
          const v = r.peakTflops[p];
          if (v !== null && !(v > 0)) bad.push(`${r.id}: peakTflops.${p} ${v}`);
        }
      }
      expect(bad).toEqual([]);
    });

    it('credits every field that is not a default to a source, and lists the defaults as a source', () => {
      const bad: string[] = [];
      for (const r of rows) {
        const fields = new Set(r.sources.flatMap((s) => s.fields.map((f) => f.split('.')[0])));
        for (const f of ['tdpW', 'idleW', 'embodiedKgCo2e']) if (!fields.has(f)) bad.push(`${r.id}: ${f} has no source`);
        if (r.memoryGb !== null && !fields.has('memoryGb')) bad.push(`${r.id}: memoryGb has no source`);
        if (r.releaseYear !== null && !fields.has('releaseYear')) bad.push(`${r.id}: releaseYear has no source`);
        if (PRECISIONS.some((p) => r.peakTflops[p] !== null) && !fields.has('peakTflops'))
          bad.push(`${r.id}: peakTflops has no source`);
      }
      expect(bad).toEqual([]);
    });

    it('every alias declared in the data resolves to its own row', () => {
      const bad: string[] = [];
      for (const r of rows) {
        for (const a of [r.name, ...r.aliases]) {
          const res = index.resolve(a);
          if (res?.hardware.id !== r.id) bad.push(`${a} -> ${res?.hardware.id ?? 'null'} (expected ${r.id})`);
        }
      }
      expect(bad).toEqual([]);
    });

    it('no two rows share a normalized spelling', () => {
      const owner = new Map<string, string>();
      const clashes: string[] = [];
      for (const r of rows) {
        for (const s of [r.id, r.name, ...r.aliases]) {
          const k = normalizeHardwareName(s);
          const o = owner.get(k);
          if (o && o !== r.id) clashes.push(`${k}: ${o} / ${r.id}`);
          owner.set(k, r.id);
        }
      }
      expect(clashes).toEqual([]);
    });

    it('every family default exists and belongs to its family', () => {
      for (const [family, def] of Object.entries(families)) {
        expect(row(def.default).family).toBe(family);
        expect(def.why?.length ?? 0).toBeGreaterThan(20);
      }
    });

    it('every multi-variant family has a declared default', () => {
      const counts = new Map<string, number>();
      for (const r of rows) if (r.family) counts.set(r.family, (counts.get(r.family) ?? 0) + 1);
      const missing = [...counts].filter(([f, n]) => n > 1 && !families[f]).map(([f]) => f);
      expect(missing).toEqual([]);
    });
  });

  describe('unknown names', () => {
    it.each(['NVIDIA Z9000', 'quantum toaster', '', '   ', '---'])('%p resolves to null', (ref) => {
      expect(index.resolve(ref)).toBeNull();
    });

    it.each([
      ['H10O', 'nvidia-h100-sxm5-80gb'],
      ['NVIDIA A100 SXM 80G', 'nvidia-a100-sxm4-80gb'],
      ['Tesla V100 SXM2 16G', 'nvidia-v100-sxm2-16gb'],
      ['TPU v3e', 'google-tpu-v3'],
      ['RTX 4090 Ti', 'nvidia-geforce-rtx-4090'],
    ])('suggest(%p) ranks %s among the closest', (ref, id) => {
      expect(index.resolve(ref)).toBeNull();
      const suggestions = index.suggest(ref, 5);
      expect(suggestions.length).toBeGreaterThan(0);
      expect(suggestions.map((s) => s.id)).toContain(id);
      const scores = suggestions.map((s) => s.score);
      expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    });

    it('respects the limit and returns nothing for an empty query', () => {
      expect(index.suggest('Xeon Gold', 3)).toHaveLength(3);
      expect(index.suggest('', 3)).toEqual([]);
    });
  });

  describe('index construction', () => {
    const base = row('nvidia-t4');
    const make = (over: Partial<HardwareRecord>): HardwareRecord => ({ ...base, aliases: [], family: null, ...over });

    it('rejects two rows that share an alias', () => {
      const a = make({ id: 'x-a', name: 'Card A', aliases: ['Shared Name'] });
      const b = make({ id: 'x-b', name: 'Card B', aliases: ['shared-name'] });
      expect(() => new HardwareIndex([a, b], {})).toThrow(HardwareIndexError);
    });

    it('rejects a multi-variant family without a default and a default outside its family', () => {
      const a = make({ id: 'x-a', name: 'Card A 1GB', family: 'Card A' });
      const b = make({ id: 'x-b', name: 'Card A 2GB', family: 'Card A' });
      const c = make({ id: 'x-c', name: 'Card C', family: null });
      expect(() => new HardwareIndex([a, b], {})).toThrow(/no declared default/);
      expect(() => new HardwareIndex([a, b, c], { 'Card A': { default: 'x-c' } })).toThrow(/not a member/);
      expect(new HardwareIndex([a, b], { 'Card A': { default: 'x-b' } }).resolve('card a')?.hardware.id).toBe('x-b');
    });

    it('rejects a family name that is also a spelling of one variant', () => {
      const a = make({ id: 'x-a', name: 'Card A 1GB', family: 'Card A', aliases: ['Card A'] });
      const b = make({ id: 'x-b', name: 'Card A 2GB', family: 'Card A' });
      expect(() => new HardwareIndex([a, b], { 'Card A': { default: 'x-a' } })).toThrow(/also a spelling/);
    });

    it('all() returns every row', () => {
      expect(index.all()).toHaveLength(rows.length);
    });
  });
});
