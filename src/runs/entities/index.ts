import { RunHistoryEntity } from './run-history.entity';
import { RunEntity } from './run.entity';

export const runsEntities = [RunEntity, RunHistoryEntity];
