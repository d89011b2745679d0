import { Module } from '@nestjs/common';
import { ModelCatalogController } from './model-catalog.controller';
import { ModelCatalogResolver } from './model-catalog.resolver';
import { ModelCatalogService } from './model-catalog.service';

/** The model catalog: `/v1/models`, GraphQL `model`/`models`/`upsertModel`/`deleteModel`, and ModelCatalogService.resolve() for serving estimates. */
@Module({
  controllers: [ModelCatalogController],
  providers: [ModelCatalogService, ModelCatalogResolver],
  exports: [ModelCatalogService],
})
export class ModelCatalogModule {}
