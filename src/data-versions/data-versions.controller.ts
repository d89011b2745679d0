import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DataVersionsService } from './data-versions.service';
import { DataVersionList } from './models/data-version.model';

@ApiTags('reference data')
@Controller('v1/data-versions')
export class DataVersionsController {
  constructor(private readonly service: DataVersionsService) {}

  @Get()
  @ApiOperation({ summary: 'List reference-data releases' })
  @ApiOkResponse({ type: DataVersionList, description: 'Reference-data releases, newest first.' })
  async list(): Promise<DataVersionList> {
    return { items: await this.service.list() };
  }
}
