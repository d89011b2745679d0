import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A job row's `externalId` (the caller's own id for the row, unique within its job: the jobs intake
 * enforces it), kept with the run the row became. Nullable: API runs and rows without one have none.
 * No index: nothing filters on it yet (a lookup by it would add (job_id, external_id)).
 */
export class RunExternalId1764150017000 implements MigrationInterface {
  name = 'RunExternalId1764150017000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE runs ADD COLUMN external_id text`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE runs DROP COLUMN external_id`);
  }
}
