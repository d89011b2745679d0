import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** One yearly intensity of a zone from one source (unique per zone, year, signal and source). */
@Entity({ name: 'zone_intensities' })
export class ZoneIntensityEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'text' })
  zone!: string;

  @Column({ type: 'int' })
  year!: number;

  @Column({ type: 'text' })
  signal!: 'average' | 'marginal';

  /** ember | electricitymaps | unfccc (seed) or admin */
  @Column({ name: 'source_id', type: 'text' })
  sourceId!: string;

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
