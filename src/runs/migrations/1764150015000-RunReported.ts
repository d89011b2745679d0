import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What another tool reported for a run (CodeCarbon's `emissions` and `energy_consumed`, or any `reported`
 * given with the run), kept so the run answers the difference against the service's current estimate.
 * Nullable: runs without one have none. No index: it is read with its run, never filtered on.
 */
export class RunReported1764150015000 implements MigrationInterface {
  name = 'RunReported1764150015000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE runs ADD COLUMN reported jsonb`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE runs DROP COLUMN reported`);
  }
}
