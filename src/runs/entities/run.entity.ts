import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A persisted calculation. Schema: migrations/1764150006000-Runs.ts and later (the only source of truth). */
@Entity({ name: 'runs' })
export class RunEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'text' }) tenant!: string;
  @Column({ type: 'text', nullable: true }) name!: string | null;
  @Column({ type: 'text', nullable: true }) project!: string | null;
  @Column({ type: 'text', nullable: true }) team!: string | null;
  @Column({ type: 'text', nullable: true }) model!: string | null;
  @Column({ type: 'text', array: true, default: () => "'{}'" }) tags!: string[];
  @Column({ name: 'started_at', type: 'timestamptz', nullable: true }) startedAt!: Date | null;
  @Column({ name: 'ended_at', type: 'timestamptz', nullable: true }) endedAt!: Date | null;
  @Column({ name: 'created_at', type: 'timestamptz', precision: 3, default: () => 'now()' }) createdAt!: Date;
  /** coalesce(started_at, created_at), generated: the instant the run counts under in reports. */
  @Column({ name: 'reported_at', type: 'timestamptz', insert: false, update: false }) reportedAt!: Date;
  @Column({ type: 'jsonb' }) request!: Record<string, unknown>;
  /** The estimate with its release texts as references to run_texts (src/runs/run-texts.ts). */
  @Column({ name: 'estimate_packed', type: 'json' }) estimatePacked!: Record<string, unknown>;
  @Column({ type: 'jsonb', nullable: true }) reported!: Record<string, unknown> | null;
  @Column({ name: 'data_version', type: 'text' }) dataVersion!: string;
  @Column({ name: 'job_id', type: 'uuid', nullable: true }) jobId!: string | null;
  @Column({ name: 'source_row', type: 'integer', nullable: true }) sourceRow!: number | null;
  @Column({ name: 'idempotency_key', type: 'text', nullable: true }) idempotencyKey!: string | null;
  @Column({ name: 'request_hash', type: 'text' }) requestHash!: string;
  @Column({ type: 'text' }) method!: string;
  @Column({ type: 'text', nullable: true }) zone!: string | null;
  @Column({ name: 'hardware_id', type: 'text', nullable: true }) hardwareId!: string | null;
  @Column({ name: 'accelerator_hours', type: 'double precision', nullable: true }) acceleratorHours!: number | null;
  @Column({ name: 'energy_kwh', type: 'double precision' }) energyKwh!: number;
  @Column({ name: 'co2e_kg', type: 'double precision' }) co2eKg!: number;
  @Column({ name: 'operational_co2e_kg', type: 'double precision' }) operationalCo2eKg!: number;
  @Column({ name: 'embodied_co2e_kg', type: 'double precision' }) embodiedCo2eKg!: number;
  @Column({ name: 'water_l', type: 'double precision', nullable: true }) waterL!: number | null;
  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' }) updatedAt!: Date;
}
