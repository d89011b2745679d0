import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type {
  CloudRegionRecord,
  GridReference,
  IntensityValue,
  ProviderIntensityValue,
  PueDefault,
  Signal,
  ZoneKind,
} from './domain/grid-reference';

/** Seed source ids: rows with these ids belong to the shipped release and are replaced by the next one. */
export const SEED_SOURCE_IDS = ['ember', 'electricitymaps', 'unfccc'] as const;
export const SEED_PROVIDER_SOURCE_IDS = ['gcp'] as const;

/** Rows per multi-row INSERT (PostgreSQL allows 65,535 bind parameters per statement). */
const CHUNK_ROWS = 500;
const POINT_CHUNK_ROWS = 5000;

export interface UpsertCounts {
  inserted: number;
  updated: number;
}

export interface SeriesPoint {
  /** epoch milliseconds */
  at: number;
  gPerKwh: number;
}

export interface StoredPoint {
  at: Date;
  gPerKwh: number;
  source: string;
  dataVersion: string;
}

/**
 * Multi-row `INSERT ... ON CONFLICT DO UPDATE` in chunks (no COPY: the embedded engine cannot COPY).
 * Counts inserted vs updated rows with the `xmax = 0` test on the returned rows.
 */
export async function upsertChunked(
  manager: EntityManager,
  spec: { table: string; columns: string[]; conflict: string[]; rows: unknown[][]; chunk?: number },
): Promise<UpsertCounts> {
  const update = spec.columns.filter((c) => !spec.conflict.includes(c));
  const chunk = spec.chunk ?? CHUNK_ROWS;
  const counts: UpsertCounts = { inserted: 0, updated: 0 };
  for (let i = 0; i < spec.rows.length; i += chunk) {
    const params: unknown[] = [];
    const tuples = spec.rows
      .slice(i, i + chunk)
      .map((row) => `(${row.map((v) => (params.push(v), `$${params.length}`)).join(', ')})`);
    await countedUpsert(
      manager,
      `INSERT INTO ${spec.table} (${spec.columns.join(', ')}) VALUES ${tuples.join(', ')}
       ON CONFLICT (${spec.conflict.join(', ')}) DO UPDATE SET ${update.map((c) => `${c} = EXCLUDED.${c}`).join(', ')}`,
      params,
      counts,
    );
  }
  return counts;
}

/** Runs one `INSERT ... ON CONFLICT DO UPDATE` and adds its rows to `counts` (`xmax = 0` marks an inserted row). */
async function countedUpsert(manager: EntityManager, upsert: string, params: unknown[], counts: UpsertCounts): Promise<void> {
  const [res] = (await manager.query(
    `WITH up AS (${upsert} RETURNING (xmax = 0) AS inserted)
     SELECT count(*) FILTER (WHERE inserted)::int AS inserted, count(*)::int AS total FROM up`,
    params,
  )) as { inserted: number; total: number }[];
  counts.inserted += res.inserted;
  counts.updated += res.total - res.inserted;
}

/** The grid tables: bulk upserts of the reference data and the series, and the reads that build the resolver. */
@Injectable()
export class GridRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.ds.transaction(work);
  }

  /** Upserts a whole reference dataset as `version` and removes seed rows the release no longer has. */
  static async upsertReference(manager: EntityManager, ref: GridReference, version: string): Promise<Record<string, number>> {
    await upsertChunked(manager, {
      table: 'zones',
      columns: ['code', 'name', 'country_code', 'kind', 'parent', 'data_version'],
      conflict: ['code'],
      rows: ref.zones.map((z) => [z.code, z.name, z.countryCode, z.kind, z.parent, version]),
    });
    await upsertChunked(manager, {
      table: 'zone_intensities',
      columns: ['zone', 'year', 'signal', 'source_id', 'g_per_kwh', 'source', 'url', 'license', 'scope', 'data_version'],
      conflict: ['zone', 'year', 'signal', 'source_id'],
      rows: ref.intensities.map((v) => [
        v.zone,
        v.year,
        v.signal,
        v.sourceId,
        v.gPerKwh,
        v.source,
        v.url,
        v.license,
        v.scope,
        version,
      ]),
    });
    await manager.query(`DELETE FROM zone_intensities WHERE source_id = ANY($1) AND data_version <> $2`, [
      [...SEED_SOURCE_IDS],
      version,
    ]);
    await upsertChunked(manager, {
      table: 'cloud_regions',
      columns: ['provider', 'region', 'zone', 'location', 'source', 'data_version'],
      conflict: ['provider', 'region'],
      rows: ref.cloudRegions.map((r) => [r.provider, r.region, r.zone, r.location, r.source, version]),
    });
    await manager.query(`DELETE FROM cloud_regions WHERE data_version <> $1`, [version]);
    await upsertChunked(manager, {
      table: 'cloud_region_intensities',
      columns: [
        'provider',
        'region',
        'year',
        'signal',
        'source_id',
        'zone',
        'g_per_kwh',
        'source',
        'url',
        'license',
        'scope',
        'data_version',
      ],
      conflict: ['provider', 'region', 'year', 'signal', 'source_id'],
      rows: ref.providerIntensities.map((v) => [
        v.provider,
        v.region,
        v.year,
        v.signal,
        v.sourceId,
        v.zone,
        v.gPerKwh,
        v.source,
        v.url,
        v.license,
        v.scope,
        version,
      ]),
    });
    await manager.query(`DELETE FROM cloud_region_intensities WHERE source_id = ANY($1) AND data_version <> $2`, [
      [...SEED_PROVIDER_SOURCE_IDS],
      version,
    ]);
    await upsertChunked(manager, {
      table: 'pue_defaults',
      columns: ['provider', 'value', 'low', 'high', 'source', 'url', 'data_version'],
      conflict: ['provider'],
      rows: ref.pue.map((p) => [p.provider, p.value, p.low, p.high, p.source, p.url, version]),
    });
    return {
      zones: ref.zones.length,
      zoneIntensities: ref.intensities.length,
      cloudRegions: ref.cloudRegions.length,
      cloudRegionIntensities: ref.providerIntensities.length,
      pueDefaults: ref.pue.length,
    };
  }

  /** Everything the in-memory resolver needs, read from the tables (so admin writes are included). */
  async loadReference(): Promise<GridReference> {
    const [zones, intensities, regions, provider, pue] = await Promise.all([
      this.ds.query(`SELECT code, name, country_code, kind, parent FROM zones ORDER BY code`),
      this.ds.query(`SELECT zone, year, signal, source_id, g_per_kwh, source, url, license, scope FROM zone_intensities`),
      this.ds.query(`SELECT provider, region, zone, location, source FROM cloud_regions ORDER BY provider, region`),
      this.ds.query(
        `SELECT provider, region, zone, year, signal, source_id, g_per_kwh, source, url, license, scope FROM cloud_region_intensities`,
      ),
      this.ds.query(`SELECT provider, value, low, high, source, url FROM pue_defaults`),
    ]);
    const value = (r: Record<string, unknown>): IntensityValue => ({
      zone: String(r.zone),
      year: Number(r.year),
      gPerKwh: Number(r.g_per_kwh),
      signal: r.signal as Signal,
      source: String(r.source),
      sourceId: String(r.source_id),
      url: String(r.url ?? ''),
      license: String(r.license ?? ''),
      scope: (r.scope as IntensityValue['scope']) ?? null,
    });
    return {
      zones: (zones as Record<string, unknown>[]).map((r) => ({
        code: String(r.code),
        name: String(r.name),
        countryCode: (r.country_code as string | null) ?? null,
        kind: r.kind as ZoneKind,
        parent: (r.parent as string | null) ?? null,
      })),
      intensities: (intensities as Record<string, unknown>[]).map(value),
      cloudRegions: (regions as Record<string, unknown>[]).map((r): CloudRegionRecord => ({
        provider: r.provider as CloudRegionRecord['provider'],
        region: String(r.region),
        zone: String(r.zone),
        location: String(r.location),
        source: String(r.source),
      })),
      providerIntensities: (provider as Record<string, unknown>[]).map((r): ProviderIntensityValue => ({
        ...value(r),
        provider: String(r.provider),
        region: String(r.region),
      })),
      pue: (pue as Record<string, unknown>[]).map((r): PueDefault => ({
        provider: String(r.provider),
        value: Number(r.value),
        low: Number(r.low),
        high: Number(r.high),
        source: String(r.source),
        url: String(r.url ?? ''),
      })),
    };
  }

  /** Upserts one yearly value (idempotent on zone, year, signal and source id). */
  async upsertYearly(manager: EntityManager, v: IntensityValue, version: string): Promise<UpsertCounts> {
    return upsertChunked(manager, {
      table: 'zone_intensities',
      columns: [
        'zone',
        'year',
        'signal',
        'source_id',
        'g_per_kwh',
        'source',
        'url',
        'license',
        'scope',
        'data_version',
        'updated_at',
      ],
      conflict: ['zone', 'year', 'signal', 'source_id'],
      rows: [[v.zone, v.year, v.signal, v.sourceId, v.gPerKwh, v.source, v.url, v.license, v.scope, version, new Date()]],
    });
  }

  /**
   * Upserts series points (idempotent on zone, signal and timestamp: a point with the same value and
   * source is left as it is, and counted in neither `inserted` nor `updated`) with multi-row INSERTs of
   * POINT_CHUNK_ROWS rows; the constant columns are bound once per statement. Points must be unique by `at`.
   */
  async upsertPoints(
    manager: EntityManager,
    spec: { zone: string; signal: Signal; source: string; version: string; points: SeriesPoint[] },
  ): Promise<UpsertCounts> {
    const counts: UpsertCounts = { inserted: 0, updated: 0 };
    for (let i = 0; i < spec.points.length; i += POINT_CHUNK_ROWS) {
      const params: unknown[] = [spec.zone, spec.signal, spec.source, spec.version];
      const tuples = spec.points.slice(i, i + POINT_CHUNK_ROWS).map((p) => {
        params.push(new Date(p.at).toISOString(), p.gPerKwh);
        return `($${params.length - 1}::timestamptz, $${params.length}::double precision)`;
      });
      await countedUpsert(
        manager,
        `INSERT INTO intensity_points (zone, signal, at, g_per_kwh, source, data_version)
         SELECT $1, $2, v.at, v.g, $3, $4 FROM (VALUES ${tuples.join(', ')}) AS v (at, g)
         ON CONFLICT (zone, signal, at) DO UPDATE
           SET g_per_kwh = EXCLUDED.g_per_kwh, source = EXCLUDED.source, data_version = EXCLUDED.data_version
           WHERE intensity_points.g_per_kwh IS DISTINCT FROM EXCLUDED.g_per_kwh
              OR intensity_points.source IS DISTINCT FROM EXCLUDED.source`,
        params,
        counts,
      );
    }
    return counts;
  }

  /** The zone's points with notBefore < at < before, ascending (one range scan of the primary key). */
  async pointsBetween(
    zone: string,
    signal: Signal,
    notBefore: Date,
    before: Date,
  ): Promise<{ at: number; gPerKwh: number; source: string }[]> {
    const rows = (await this.ds.query(
      `SELECT at, g_per_kwh, source FROM intensity_points
        WHERE zone = $1 AND signal = $2 AND at > $3 AND at < $4
        ORDER BY at`,
      [zone, signal, notBefore.toISOString(), before.toISOString()],
    )) as { at: Date; g_per_kwh: number; source: string }[];
    return rows.map((r) => ({ at: new Date(r.at).getTime(), gPerKwh: Number(r.g_per_kwh), source: r.source }));
  }

  /** The newest point of the zone's series at or before `at` and after `notBefore` (served by the primary key). */
  async pointAt(zone: string, signal: Signal, at: Date, notBefore: Date): Promise<StoredPoint | null> {
    const rows = (await this.ds.query(
      `SELECT at, g_per_kwh, source, data_version FROM intensity_points
        WHERE zone = $1 AND signal = $2 AND at <= $3 AND at > $4
        ORDER BY at DESC LIMIT 1`,
      [zone, signal, at.toISOString(), notBefore.toISOString()],
    )) as { at: Date; g_per_kwh: number; source: string; data_version: string }[];
    const r = rows[0];
    return r ? { at: new Date(r.at), gPerKwh: Number(r.g_per_kwh), source: r.source, dataVersion: r.data_version } : null;
  }
}
