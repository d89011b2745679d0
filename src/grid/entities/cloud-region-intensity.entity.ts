import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A provider's own yearly figure for one of its regions (Google's per-region figures for GCP). */
@Entity({ name: 'cloud_region_intensities' })
export class CloudRegionIntensityEntity {
  @PrimaryColumn({ type: 'text' })
  provider!: string;

  @PrimaryColumn({ type: 'text' })
  region!: string;

  @PrimaryColumn({ type: 'int' })
  year!: number;

  @PrimaryColumn({ type: 'text' })
  signal!: 'average' | 'marginal';

  @PrimaryColumn({ name: 'source_id', type: 'text' })
  sourceId!: string;

  @Column({ type: 'text' })
  zone!: string;

  @Column({ name: 'g_per_kwh', type: 'double precision' })
  gPerKwh!: number;

  @Column({ type: 'text' })
  source!: string;

  @Column({ type: 'text' })
  url!: string;

  @Column({ type: 'text' })
  license!: string;

  @Column({ type: 'text', nullable: true })
  scope!: 'lifecycle' | 'direct' | null;

  @Column({ name: 'data_version', type: 'text' })
  dataVersion!: string;
}
