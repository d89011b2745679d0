import { HardwareEntity } from './hardware.entity';

/** The catalog module's entities (registered in src/database/entities.ts). */
export const catalogEntities: Function[] = [HardwareEntity];
