import { Module } from '@nestjs/common';
import { EstimatesModule } from '../estimates/estimates.module';
import { SchedulesController } from './schedules.controller';
import { SchedulesResolver } from './schedules.resolver';
import { SchedulesService } from './schedules.service';

/** Carbon-aware scheduling (POST /v1/schedules, GraphQL schedule): the engine's schedule() over the grid's series. */
@Module({
  imports: [EstimatesModule],
  controllers: [SchedulesController],
  providers: [SchedulesService, SchedulesResolver],
})
export class SchedulesModule {}
