import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The stored (packed) estimate as `json` instead of `jsonb`, compressed with lz4 where the server has it.
 *
 * Nothing queries inside an estimate in SQL: the runs module reads it whole and unpacks it in JavaScript. So
 * `jsonb`'s parse into its binary form, and pglz on a ~2.7 kB value, were paid on every write for nothing. A COPY
 * of 20k stored runs into a table with the runs' indexes took 3.9 s with jsonb + pglz, 2.6 s with json + pglz
 * and 1.45 s with json + lz4 (PostgreSQL 15 here), and the json + lz4 table was the smallest (78 vs 86 MB).
 * `json` keeps the text as written, so a run now reads back with the estimate's keys in the order it was
 * computed (a converted row keeps jsonb's order, the order it has always been read in).
 *
 * The embedded engine (PGlite) is built without lz4: there the columns keep pglz.
 *
 * The type change rewrites both tables under an exclusive lock: 2.5 s per 20k runs here (about 2 minutes per
 * million), during which runs can be neither read nor written. Existing values keep pglz; lz4 applies to new ones.
 */
export class RunEstimateJson1764150018000 implements MigrationInterface {
  name = 'RunEstimateJson1764150018000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE runs ALTER COLUMN estimate_packed TYPE json USING estimate_packed::json`);
    await q.query(`ALTER TABLE run_history ALTER COLUMN estimate_packed TYPE json USING estimate_packed::json`);
    await q.query(`DO $$
      BEGIN
        ALTER TABLE runs ALTER COLUMN estimate_packed SET COMPRESSION lz4;
        ALTER TABLE run_history ALTER COLUMN estimate_packed SET COMPRESSION lz4;
      EXCEPTION WHEN feature_not_supported THEN NULL; -- built without lz4
      END $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE runs ALTER COLUMN estimate_packed SET COMPRESSION default`);
    await q.query(`ALTER TABLE run_history ALTER COLUMN estimate_packed SET COMPRESSION default`);
    await q.query(`ALTER TABLE runs ALTER COLUMN estimate_packed TYPE jsonb USING estimate_packed::jsonb`);
    await q.query(`ALTER TABLE run_history ALTER COLUMN estimate_packed TYPE jsonb USING estimate_packed::jsonb`);
  }
}
