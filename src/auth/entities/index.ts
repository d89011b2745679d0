import { ApiKeyEntity } from './api-key.entity';

export const authEntities = [ApiKeyEntity];
