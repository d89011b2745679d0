import { HardwareEntity } from './hardware.entity';
import type { ClassList } from '../../database/class-list';

/** The catalog module's entities (registered in src/database/entities.ts). */
export const catalogEntities: ClassList = [HardwareEntity];
