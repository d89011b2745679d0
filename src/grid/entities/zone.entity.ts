import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A grid zone as Electricity Maps writes it (`FR`, `US-CAL-CISO`), an aggregate (`EU`) or `WORLD`. */
@Entity({ name: 'zones' })
export class ZoneEntity {
  @PrimaryColumn({ type: 'text' })
  code!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ name: 'country_code', type: 'text', nullable: true })
  countryCode!: string | null;

  @Column({ type: 'text' })
  kind!: 'country' | 'subnational' | 'aggregate';

  /** subnational -> its country; country -> WORLD; aggregate -> null */
  @Column({ type: 'text', nullable: true })
  parent!: string | null;

  @Column({ name: 'data_version', type: 'text' })
  dataVersion!: string;
}
