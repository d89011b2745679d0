import { authEntities } from '../auth/entities';
import { catalogEntities } from '../catalog/entities';
import { gridEntities } from '../grid/entities';
import { runsEntities } from '../runs/entities';
import { jobsEntities } from '../jobs/entities';
import { DataVersionEntity } from './entities/data-version.entity';

/** Every entity, listed explicitly so Jest, the app and the CLI load the same set without globs. */
export const entities = [
  DataVersionEntity,
  ...authEntities,
  ...catalogEntities,
  ...gridEntities,
  ...runsEntities,
  ...jobsEntities,
];
