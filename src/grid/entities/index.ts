import { CloudRegionIntensityEntity } from './cloud-region-intensity.entity';
import { CloudRegionEntity } from './cloud-region.entity';
import { IntensityPointEntity } from './intensity-point.entity';
import { PueDefaultEntity } from './pue-default.entity';
import { ZoneIntensityEntity } from './zone-intensity.entity';
import { ZoneEntity } from './zone.entity';
import type { ClassList } from '../../database/class-list';

export { CloudRegionEntity, CloudRegionIntensityEntity, IntensityPointEntity, PueDefaultEntity, ZoneEntity, ZoneIntensityEntity };

/** The grid module's entities (registered in src/database/entities.ts). */
export const gridEntities: ClassList = [
  ZoneEntity,
  ZoneIntensityEntity,
  CloudRegionEntity,
  CloudRegionIntensityEntity,
  PueDefaultEntity,
  IntensityPointEntity,
];
