import { Module } from '@nestjs/common';
import { EstimatesModule } from '../estimates/estimates.module';
import { CatalogModule } from '../catalog/catalog.module';
import { GridModule } from '../grid/grid.module';
import { EstimatesService } from '../estimates/estimates.service';
import { CreateRun } from './create-run.usecase';
import { ReportsController } from './reports.controller';
import { ReportsService } from './reports.service';
import { RunsController } from './runs.controller';
import { RunsRepository } from './runs.repository';
import { RunsResolver } from './runs.resolver';
import { RunsService } from './runs.service';
import { RunsStoreModule } from './runs-store.module';
import { RunEstimator, RunWriter } from './runs.types';

/** Persisted runs (create with idempotency, list, get, delete, recalculate) and emissions reports. */
@Module({
  imports: [EstimatesModule, CatalogModule, GridModule, RunsStoreModule],
  controllers: [RunsController, ReportsController],
  providers: [
    RunsRepository,
    { provide: RunWriter, useExisting: RunsRepository },
    { provide: RunEstimator, useExisting: EstimatesService },
    CreateRun,
    RunsService,
    ReportsService,
    RunsResolver,
  ],
})
export class RunsModule {}
