import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

/** A bulk calculation job. Schema: migrations/1764150007000-Jobs.ts (the only source of truth). */
@Entity({ name: 'jobs' })
export class JobEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'text' }) tenant!: string;
  @Column({ name: 'key_id', type: 'text', nullable: true }) keyId!: string | null;
  @Column({ type: 'text' }) format!: string;
  @Column({ type: 'text', default: 'receiving' }) status!: string;
  @Column({ type: 'integer', default: 0 }) total!: number;
  @Column({ type: 'integer', default: 0 }) processed!: number;
  @Column({ type: 'integer', default: 0 }) succeeded!: number;
  @Column({ type: 'integer', default: 0 }) failed!: number;
  @Column({ name: 'created_at', type: 'timestamptz', precision: 3, default: () => 'now()' }) createdAt!: Date;
  @Column({ name: 'queued_at', type: 'timestamptz', precision: 3, nullable: true }) queuedAt!: Date | null;
  @Column({ name: 'started_at', type: 'timestamptz', precision: 3, nullable: true }) startedAt!: Date | null;
  @Column({ name: 'finished_at', type: 'timestamptz', precision: 3, nullable: true }) finishedAt!: Date | null;
  @Column({ name: 'idempotency_key', type: 'text', nullable: true }) idempotencyKey!: string | null;
  @Column({ name: 'body_hash', type: 'text', nullable: true }) bodyHash!: string | null;
}

/** An input row staged by the intake until its chunk is processed (then deleted). */
@Entity({ name: 'job_rows' })
export class JobRowEntity {
  @PrimaryColumn({ name: 'job_id', type: 'uuid' }) jobId!: string;
  @PrimaryColumn({ name: 'row_number', type: 'integer' }) rowNumber!: number;
  @Column({ type: 'jsonb', nullable: true }) payload!: unknown;
  @Column({ name: 'error_code', type: 'text', nullable: true }) errorCode!: string | null;
  @Column({ name: 'error_message', type: 'text', nullable: true }) errorMessage!: string | null;
}

/** A row of a job that did not become a run, with why. */
@Entity({ name: 'job_errors' })
export class JobErrorEntity {
  @PrimaryColumn({ name: 'job_id', type: 'uuid' }) jobId!: string;
  @PrimaryColumn({ name: 'row_number', type: 'integer' }) rowNumber!: number;
  @Column({ type: 'text' }) code!: string;
  @Column({ type: 'text' }) message!: string;
  @Column({ type: 'jsonb', default: () => "'[]'" }) details!: unknown[];
}
