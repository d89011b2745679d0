import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Grid reference data: zones, their yearly intensities per source, cloud regions (and the providers'
 * own per-region figures), PUE defaults, and the hourly series.
 *
 * intensity_points: the primary key (zone, signal, at) is the btree that serves `?at=` lookups
 * ("newest point at or before `at` and no older than 2 hours": one backward range scan, LIMIT 1).
 * The BRIN index on `at` is tiny and serves time-range maintenance across zones (purges, exports)
 * on an append-mostly table.
 */
export class GridTables1764150002000 implements MigrationInterface {
  name = 'GridTables1764150002000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE zones (
        code text PRIMARY KEY,
        name text NOT NULL,
        country_code text,
        kind text NOT NULL CHECK (kind IN ('country', 'subnational', 'aggregate')),
        parent text,
        data_version text NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX zones_country_code_idx ON zones (country_code)`);
    await q.query(`
      CREATE TABLE zone_intensities (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        zone text NOT NULL REFERENCES zones (code) ON DELETE CASCADE,
        year integer NOT NULL CHECK (year BETWEEN 1990 AND 2100),
        signal text NOT NULL CHECK (signal IN ('average', 'marginal')),
        source_id text NOT NULL,
        g_per_kwh double precision NOT NULL CHECK (g_per_kwh >= 0),
        source text NOT NULL,
        url text NOT NULL DEFAULT '',
        license text NOT NULL DEFAULT '',
        scope text CHECK (scope IN ('lifecycle', 'direct')),
        data_version text NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT zone_intensities_zone_year_signal_source_key UNIQUE (zone, year, signal, source_id)
      )`);
    await q.query(`
      CREATE TABLE cloud_regions (
        provider text NOT NULL,
        region text NOT NULL,
        zone text NOT NULL,
        location text NOT NULL,
        source text NOT NULL,
        data_version text NOT NULL,
        PRIMARY KEY (provider, region)
      )`);
    await q.query(`
      CREATE TABLE cloud_region_intensities (
        provider text NOT NULL,
        region text NOT NULL,
        year integer NOT NULL CHECK (year BETWEEN 1990 AND 2100),
        signal text NOT NULL CHECK (signal IN ('average', 'marginal')),
        source_id text NOT NULL,
        zone text NOT NULL,
        g_per_kwh double precision NOT NULL CHECK (g_per_kwh >= 0),
        source text NOT NULL,
        url text NOT NULL DEFAULT '',
        license text NOT NULL DEFAULT '',
        scope text CHECK (scope IN ('lifecycle', 'direct')),
        data_version text NOT NULL,
        PRIMARY KEY (provider, region, year, signal, source_id),
        FOREIGN KEY (provider, region) REFERENCES cloud_regions (provider, region) ON DELETE CASCADE
      )`);
    await q.query(`
      CREATE TABLE pue_defaults (
        provider text PRIMARY KEY,
        value double precision NOT NULL CHECK (value >= 1),
        low double precision NOT NULL,
        high double precision NOT NULL,
        source text NOT NULL,
        url text NOT NULL DEFAULT '',
        data_version text NOT NULL
      )`);
    await q.query(`
      CREATE TABLE intensity_points (
        zone text NOT NULL REFERENCES zones (code) ON DELETE CASCADE,
        signal text NOT NULL CHECK (signal IN ('average', 'marginal')),
        at timestamptz NOT NULL,
        g_per_kwh double precision NOT NULL CHECK (g_per_kwh >= 0),
        source text NOT NULL,
        data_version text NOT NULL,
        PRIMARY KEY (zone, signal, at)
      )`);
    await q.query(`CREATE INDEX intensity_points_at_brin ON intensity_points USING brin (at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS intensity_points`);
    await q.query(`DROP TABLE IF EXISTS pue_defaults`);
    await q.query(`DROP TABLE IF EXISTS cloud_region_intensities`);
    await q.query(`DROP TABLE IF EXISTS cloud_regions`);
    await q.query(`DROP TABLE IF EXISTS zone_intensities`);
    await q.query(`DROP TABLE IF EXISTS zones`);
  }
}
