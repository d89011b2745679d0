import type { EntityManager } from 'typeorm';
import type { ReferenceSeed } from '../database/seeds/reference-seed';
import { HardwareIndex } from './domain/hardware-matcher';
import type { HardwareRecord } from './domain/hardware.types';
import { loadHardwareFamilies, loadSeedHardware } from './catalog.seed-files';

const CHUNK = 500;

/** Columns written by the seed and by admin writes, in order (see hardwareRowParams). */
export const HARDWARE_COLUMNS = [
  'id',
  'name',
  'vendor',
  'kind',
  'family',
  'aliases',
  'tdp_w',
  'idle_w',
  'memory_gb',
  'release_year',
  'peak_tflops',
  'embodied_kg_co2e',
  'sources',
  'seed',
  'data_version',
  'memory_bandwidth_gbps',
] as const;
const CASTS: Partial<Record<(typeof HARDWARE_COLUMNS)[number], string>> = {
  aliases: '::text[]',
  peak_tflops: '::jsonb',
  sources: '::jsonb',
  tdp_w: '::float8',
  idle_w: '::float8',
  memory_gb: '::float8',
  memory_bandwidth_gbps: '::float8',
  release_year: '::int',
  embodied_kg_co2e: '::float8',
  seed: '::boolean',
};

export function hardwareRowParams(r: HardwareRecord, dataVersion: string): unknown[] {
  return [
    r.id,
    r.name,
    r.vendor,
    r.kind,
    r.family,
    r.aliases,
    r.tdpW,
    r.idleW,
    r.memoryGb,
    r.releaseYear,
    JSON.stringify(r.peakTflops),
    r.embodiedKgCo2e,
    JSON.stringify(r.sources),
    r.seed,
    dataVersion,
    r.memoryBandwidthGBps ?? null,
  ];
}

/** `INSERT ... VALUES (...), (...) ON CONFLICT (id) DO UPDATE` for `count` rows (revives soft-deleted ones). */
export function hardwareUpsertSql(count: number): string {
  const n = HARDWARE_COLUMNS.length;
  const tuples = Array.from(
    { length: count },
    (_, row) => `(${HARDWARE_COLUMNS.map((c, i) => `$${row * n + i + 1}${CASTS[c] ?? ''}`).join(', ')})`,
  );
  const updates = HARDWARE_COLUMNS.filter((c) => c !== 'id').map((c) => `${c} = EXCLUDED.${c}`);
  return (
    `INSERT INTO hardware (${HARDWARE_COLUMNS.join(', ')}) VALUES ${tuples.join(', ')} ` +
    `ON CONFLICT (id) DO UPDATE SET ${updates.join(', ')}, updated_at = now(), deleted_at = NULL`
  );
}

/**
 * The catalog's part of the reference-data release: upserts every row of seed/hardware.json and
 * seed/cpus.json (seed = true, data_version = release) in multi-row INSERTs of 500 (the embedded engine
 * cannot COPY), then retires seed rows the release no longer ships (soft delete). Idempotent. The files
 * are checked for consistency (no alias shared by two rows, family defaults are members) before anything
 * is written, so a bad release fails the seed instead of the first lookup.
 */
export const catalogSeed: ReferenceSeed = {
  name: 'catalog',
  async run(manager: EntityManager, release: string): Promise<Record<string, number>> {
    const rows = loadSeedHardware().map((r) => ({ ...r, seed: true }));
    new HardwareIndex(rows, loadHardwareFamilies()); // throws HardwareIndexError listing every problem
    for (let i = 0; i < rows.length; i += CHUNK) {
      const chunk = rows.slice(i, i + CHUNK);
      await manager.query(
        hardwareUpsertSql(chunk.length),
        chunk.flatMap((r) => hardwareRowParams(r, release)),
      );
    }
    const retired: unknown[] = await manager.query(
      `UPDATE hardware SET deleted_at = now(), updated_at = now() WHERE seed AND data_version <> $1 AND deleted_at IS NULL RETURNING id`,
      [release],
    );
    const counts: Record<string, number> = { gpu: 0, tpu: 0, cpu: 0, accelerator: 0 };
    for (const r of rows) counts[r.kind] = (counts[r.kind] ?? 0) + 1;
    counts.retired = Array.isArray(retired[0]) ? (retired[0] as unknown[]).length : retired.length;
    return counts;
  },
};
