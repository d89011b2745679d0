import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBody, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ScheduleInput } from './dto/schedule.input';
import { ScheduleModel } from './models/schedule.model';
import { SchedulesService } from './schedules.service';

@ApiTags('schedules')
@Controller('v1')
export class SchedulesController {
  constructor(private readonly schedules: SchedulesService) {}

  @Post('schedules')
  @ApiOperation({ summary: 'Find the lowest-carbon time and place to run a job' })
  @HttpCode(200)
  @ApiOkResponse({ type: ScheduleModel })
  @ApiBadRequestResponse({ description: 'VALIDATION_FAILED with field paths in details (job.*, window.*, locations.N).' })
  @ApiNotFoundResponse({ description: 'ZONE_NOT_FOUND, CLOUD_REGION_NOT_FOUND or HARDWARE_NOT_FOUND, with close matches.' })
  @ApiBody({ type: ScheduleInput })
  // typed `unknown` so the ValidationPipe leaves it to the engine's schedule() validation (field paths)
  schedule(@Body() input: unknown) {
    return this.schedules.schedule(input);
  }
}
