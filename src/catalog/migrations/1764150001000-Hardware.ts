import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The hardware catalog. Listing and name resolution are served from an in-memory index (see
 * CatalogService), so the indexes here serve direct SQL (reports, ad-hoc queries) by kind and vendor;
 * no trigram index: PGlite does not ship pg_trgm by default and ~5k rows scan in memory in microseconds.
 * `data_version` references the release or admin write that last wrote the row; deferred, because the
 * seed writes its rows before the release row, in one transaction.
 */
export class Hardware1764150001000 implements MigrationInterface {
  name = 'Hardware1764150001000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE hardware (
        id text PRIMARY KEY CHECK (id ~ '^[a-z0-9]+([-.][a-z0-9]+)*$' AND length(id) <= 200),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        vendor text NOT NULL CHECK (length(vendor) BETWEEN 1 AND 100),
        kind text NOT NULL CHECK (kind IN ('gpu', 'tpu', 'cpu', 'accelerator')),
        family text,
        aliases text[] NOT NULL DEFAULT '{}'::text[],
        tdp_w double precision NOT NULL CHECK (tdp_w > 0),
        idle_w double precision NOT NULL CHECK (idle_w >= 0 AND idle_w <= tdp_w),
        memory_gb double precision CHECK (memory_gb >= 0),
        release_year integer,
        peak_tflops jsonb NOT NULL DEFAULT '{}'::jsonb,
        embodied_kg_co2e double precision NOT NULL CHECK (embodied_kg_co2e >= 0),
        sources jsonb NOT NULL DEFAULT '[]'::jsonb,
        seed boolean NOT NULL DEFAULT false,
        data_version text NOT NULL REFERENCES data_versions (id) DEFERRABLE INITIALLY DEFERRED,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        deleted_at timestamptz
      )`);
    await q.query(`CREATE INDEX hardware_kind_idx ON hardware (kind, id) WHERE deleted_at IS NULL`);
    await q.query(`CREATE INDEX hardware_vendor_idx ON hardware (lower(vendor), id) WHERE deleted_at IS NULL`);
    await q.query(`CREATE INDEX hardware_data_version_idx ON hardware (data_version)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE hardware`);
  }
}
