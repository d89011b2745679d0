import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A run's earlier results: one row per recalculation, holding the estimate it replaced. */
@Entity({ name: 'run_history' })
export class RunHistoryEntity {
  @PrimaryColumn({ name: 'run_id', type: 'uuid' }) runId!: string;
  @PrimaryColumn({ type: 'integer' }) version!: number;
  @Column({ name: 'estimate_packed', type: 'json' }) estimatePacked!: Record<string, unknown>;
  @Column({ name: 'data_version', type: 'text' }) dataVersion!: string;
  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' }) createdAt!: Date;
}
