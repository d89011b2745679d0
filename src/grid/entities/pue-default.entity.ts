import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A provider's default PUE with its range and source; provider `unknown` is the default for unknown data centres. */
@Entity({ name: 'pue_defaults' })
export class PueDefaultEntity {
  @PrimaryColumn({ type: 'text' })
  provider!: string;

  @Column({ type: 'double precision' })
  value!: number;

  @Column({ type: 'double precision' })
  low!: number;

  @Column({ type: 'double precision' })
  high!: number;

  @Column({ type: 'text' })
  source!: string;

  @Column({ type: 'text' })
  url!: string;

  @Column({ name: 'data_version', type: 'text' })
  dataVersion!: string;
}
