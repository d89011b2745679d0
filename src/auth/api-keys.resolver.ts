import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { ApiKeysService } from './api-keys.service';
import { CurrentAuth } from './auth.guard';
import type { AuthContext } from './auth.types';
import { CreateApiKeyInput } from './dto/create-api-key.input';
import { ApiKeyModel, CreatedApiKeyModel, toApiKeyModel } from './models/api-key.model';
import { RequireScope } from './scopes.decorator';

@Resolver(() => ApiKeyModel)
@RequireScope('admin')
export class ApiKeysResolver {
  constructor(private readonly keys: ApiKeysService) {}

  @Query(() => [ApiKeyModel], { description: 'All API keys (admin).' })
  async apiKeys(@CurrentAuth() auth: AuthContext): Promise<ApiKeyModel[]> {
    return (await this.keys.list(auth)).map(toApiKeyModel);
  }

  @Mutation(() => CreatedApiKeyModel, { description: 'Creates a key; `key` is shown this once (admin).' })
  async createApiKey(@Args('input') input: CreateApiKeyInput, @CurrentAuth() auth: AuthContext): Promise<CreatedApiKeyModel> {
    return { ...(await this.keys.create(input, auth)), lastUsedAt: null, revokedAt: null };
  }

  @Mutation(() => ApiKeyModel, { description: 'Revokes a key (admin).' })
  async revokeApiKey(@Args('id', { type: () => ID }) id: string, @CurrentAuth() auth: AuthContext): Promise<ApiKeyModel> {
    return toApiKeyModel(await this.keys.revoke(id, auth));
  }
}
