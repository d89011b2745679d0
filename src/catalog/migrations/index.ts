import { Hardware1764150001000 } from './1764150001000-Hardware';
import { HardwareMemoryBandwidth1764150009500 } from './1764150009500-HardwareMemoryBandwidth';
import type { ClassList } from '../../database/class-list';

/** The catalog module's migrations (timestamped class names; ordered globally in database/migrations). */
export const catalogMigrations: ClassList = [Hardware1764150001000, HardwareMemoryBandwidth1764150009500];
