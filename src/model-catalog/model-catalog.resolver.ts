import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CurrentAuth } from '../auth/auth.guard';
import type { AuthContext } from '../auth/auth.types';
import { RequireScope } from '../auth/scopes.decorator';
import { ModelInput } from './dto/model.input';
import { ModelListArgs, ModelRefArgs } from './dto/model-args';
import { toModelRecord } from './model-input';
import { ModelCatalogService } from './model-catalog.service';
import { ModelListModel, ModelModel, toModelModel } from './models/model.model';

@Resolver(() => ModelModel)
export class ModelCatalogResolver {
  constructor(private readonly catalog: ModelCatalogService) {}

  @Query(() => ModelModel, { description: 'A model by catalog id, Hugging Face id or alias.' })
  model(@Args() { ref }: ModelRefArgs): ModelModel {
    return toModelModel(this.catalog.resolve(ref));
  }

  @Query(() => ModelListModel, { description: 'Models filtered by free text and family; ordered by id; cursor-paginated.' })
  models(@Args() args: ModelListArgs): ModelListModel {
    const page = this.catalog.list(args);
    return { items: page.items.map(toModelModel), nextCursor: page.nextCursor };
  }

  @Mutation(() => ModelModel, { description: 'Creates or replaces a custom model entry (admin). Seed rows are read-only.' })
  @RequireScope('admin')
  async upsertModel(@Args('input') input: ModelInput, @CurrentAuth() auth: AuthContext | null): Promise<ModelModel> {
    return toModelModel(await this.catalog.upsert(toModelRecord(input, auth), auth));
  }

  @Mutation(() => ModelModel, { description: 'Deletes a custom model entry and returns it (admin).' })
  @RequireScope('admin')
  async deleteModel(@Args('id', { type: () => ID }) id: string, @CurrentAuth() auth: AuthContext | null): Promise<ModelModel> {
    return toModelModel(await this.catalog.remove(id, auth));
  }
}
