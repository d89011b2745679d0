import { DataVersionEntity } from './entities/data-version.entity';

/** Every entity, listed explicitly so Jest, the app and the CLI load the same set without globs. */
export const entities = [DataVersionEntity];
