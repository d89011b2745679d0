import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Hardware gains its peak memory bandwidth (GB/s), which the serving estimator's decode time needs. */
export class HardwareMemoryBandwidth1764150009500 implements MigrationInterface {
  name = 'HardwareMemoryBandwidth1764150009500';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE hardware ADD COLUMN memory_bandwidth_gbps double precision CHECK (memory_bandwidth_gbps >= 0)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE hardware DROP COLUMN memory_bandwidth_gbps`);
  }
}
