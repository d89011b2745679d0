import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A cloud provider's region mapped to the grid zone it draws from (seed/grid/cloud-regions.csv). */
@Entity({ name: 'cloud_regions' })
export class CloudRegionEntity {
  @PrimaryColumn({ type: 'text' })
  provider!: string;

  @PrimaryColumn({ type: 'text' })
  region!: string;

  @Column({ type: 'text' })
  zone!: string;

  @Column({ type: 'text' })
  location!: string;

  @Column({ type: 'text' })
  source!: string;

  @Column({ name: 'data_version', type: 'text' })
  dataVersion!: string;
}
