import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One point of a zone's hourly (or finer) intensity series; it holds until the next point (at most SERIES_POINT_VALIDITY_MS). */
@Entity({ name: 'intensity_points' })
export class IntensityPointEntity {
  @PrimaryColumn({ type: 'text' })
  zone!: string;

  @PrimaryColumn({ type: 'text' })
  signal!: 'average' | 'marginal';

  @PrimaryColumn({ type: 'timestamptz' })
  at!: Date;

  @Column({ name: 'g_per_kwh', type: 'double precision' })
  gPerKwh!: number;

  @Column({ type: 'text' })
  source!: string;

  @Column({ name: 'data_version', type: 'text' })
  dataVersion!: string;
}
