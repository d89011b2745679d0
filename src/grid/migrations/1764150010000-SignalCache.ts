import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Answers of the live signal providers (Electricity Maps, WattTime), normalised to points in g/kWh,
 * with when they were fetched and until when they are served without asking again. One row per
 * provider and request key (route, zone or region, hour-aligned range); an expired row is kept and
 * served, with a warning, when the provider fails.
 */
export class SignalCache1764150010000 implements MigrationInterface {
  name = 'SignalCache1764150010000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE signal_cache (
        provider text NOT NULL,
        key text NOT NULL,
        points jsonb NOT NULL,
        fetched_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL,
        PRIMARY KEY (provider, key)
      )`);
    await q.query(`CREATE INDEX signal_cache_expires_at_idx ON signal_cache (expires_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS signal_cache`);
  }
}
