import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { HardwareKind, HardwareSource, Precision } from '../domain/hardware.types';

/**
 * One catalog row: a seed row (`seed = true`, written by the reference-data release) or a custom entry
 * added by an admin. Deleted custom entries keep their row with `deleted_at` set (history for audits).
 */
@Entity({ name: 'hardware' })
export class HardwareEntity {
  @PrimaryColumn({ type: 'text' })
  id!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text' })
  vendor!: string;

  @Column({ type: 'text' })
  kind!: HardwareKind;

  @Column({ type: 'text', nullable: true })
  family!: string | null;

  @Column({ type: 'text', array: true, default: () => "'{}'::text[]" })
  aliases!: string[];

  @Column({ name: 'tdp_w', type: 'double precision' })
  tdpW!: number;

  @Column({ name: 'idle_w', type: 'double precision' })
  idleW!: number;

  @Column({ name: 'memory_gb', type: 'double precision', nullable: true })
  memoryGb!: number | null;

  @Column({ name: 'memory_bandwidth_gbps', type: 'double precision', nullable: true })
  memoryBandwidthGBps!: number | null;

  @Column({ name: 'release_year', type: 'integer', nullable: true })
  releaseYear!: number | null;

  @Column({ name: 'peak_tflops', type: 'jsonb' })
  peakTflops!: Record<Precision, number | null>;

  @Column({ name: 'embodied_kg_co2e', type: 'double precision' })
  embodiedKgCo2e!: number;

  @Column({ type: 'jsonb' })
  sources!: HardwareSource[];

  @Column({ type: 'boolean', default: false })
  seed!: boolean;

  /** The data version (seed release or admin write) that last wrote this row. */
  @Column({ name: 'data_version', type: 'text' })
  dataVersion!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;

  @Column({ name: 'deleted_at', type: 'timestamptz', nullable: true })
  deletedAt!: Date | null;
}
