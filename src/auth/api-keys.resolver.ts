import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { ApiKeysService } from './api-keys.service';
import { CreateApiKeyInput } from './dto/create-api-key.input';
import { ApiKeyModel, CreatedApiKeyModel, toApiKeyModel } from './models/api-key.model';
import { RequireScope } from './scopes.decorator';

@Resolver(() => ApiKeyModel)
@RequireScope('admin')
export class ApiKeysResolver {
  constructor(private readonly keys: ApiKeysService) {}

  @Query(() => [ApiKeyModel], { description: 'All API keys (admin).' })
  async apiKeys(): Promise<ApiKeyModel[]> {
    return (await this.keys.list()).map(toApiKeyModel);
  }

  @Mutation(() => CreatedApiKeyModel, { description: 'Creates a key; `key` is shown this once (admin).' })
  async createApiKey(@Args('input') input: CreateApiKeyInput): Promise<CreatedApiKeyModel> {
    return { ...(await this.keys.create(input)), lastUsedAt: null, revokedAt: null };
  }

  @Mutation(() => ApiKeyModel, { description: 'Revokes a key (admin).' })
  async revokeApiKey(@Args('id', { type: () => ID }) id: string): Promise<ApiKeyModel> {
    return toApiKeyModel(await this.keys.revoke(id));
  }
}
