import { Module } from '@nestjs/common';
import { CatalogModule } from '../catalog/catalog.module';
import { GridModule } from '../grid/grid.module';
import { ModelCatalogModule } from '../model-catalog/model-catalog.module';
import { EstimatesController } from './estimates.controller';
import { EstimatesResolver } from './estimates.resolver';
import { EstimatesService } from './estimates.service';

@Module({
  imports: [CatalogModule, GridModule, ModelCatalogModule],
  controllers: [EstimatesController],
  providers: [EstimatesService, EstimatesResolver],
  exports: [EstimatesService],
})
export class EstimatesModule {}
