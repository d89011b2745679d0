import { Args, Query, Resolver } from '@nestjs/graphql';
import { ScheduleInput } from './dto/schedule.input';
import { ScheduleModel } from './models/schedule.model';
import { SchedulesService } from './schedules.service';

@Resolver()
export class SchedulesResolver {
  constructor(private readonly schedules: SchedulesService) {}

  @Query(() => ScheduleModel, { description: 'When and where to run a job so it emits least (carbon-aware scheduling).' })
  schedule(@Args('input', { type: () => ScheduleInput }) input: unknown) {
    return this.schedules.schedule(input);
  }
}
