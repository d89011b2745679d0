import { Body, Controller, Get, Headers, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { RequireScope } from '../auth/scopes.decorator';
import { CloudRegionsArgs } from './dto/cloud-regions.args';
import { IntensityArgs } from './dto/intensity.args';
import { IntensityInput } from './dto/intensity.input';
import { MAX_SERIES_POINTS, SeriesImportArgs } from './dto/series-import';
import { ZoneCodeParams, ZoneYearParams } from './dto/zone.params';
import { ZonesArgs } from './dto/zones.args';
import { GridService } from './grid.service';
import { CloudRegionListModel } from './models/cloud-region.model';
import { IntensityModel, SeriesImportResultModel, UpsertedIntensityModel } from './models/intensity.model';
import { ZoneListModel, ZoneModel } from './models/zone.model';

@ApiTags('grid')
@Controller('v1/grid')
export class GridController {
  constructor(private readonly grid: GridService) {}

  @Get('zones')
  @ApiOperation({ summary: 'List grid zones' })
  @ApiOkResponse({ type: ZoneListModel })
  listZones(@Query() args: ZonesArgs): ZoneListModel {
    return this.grid.listZones(args);
  }

  @Get('zones/:code')
  @ApiOperation({ summary: 'Get a grid zone with its intensities' })
  @ApiOkResponse({
    type: ZoneModel,
    description: 'The zone with every year and source. Unknown: 404 ZONE_NOT_FOUND with close matches.',
  })
  getZone(@Param() params: ZoneCodeParams): ZoneModel {
    return this.grid.getZone(params.code);
  }

  @Put('zones/:code/intensities/:year')
  @RequireScope('platform') // shared reference data: platform admins only
  @ApiBearerAuth()
  @ApiOperation({
    summary: 'Set an admin yearly intensity (admin)',
    description: 'Upserts an admin yearly value (it wins over the shipped sources); makes a new data version.',
  })
  @ApiOkResponse({ type: UpsertedIntensityModel })
  upsertIntensity(@Param() params: ZoneYearParams, @Body() input: IntensityInput): Promise<UpsertedIntensityModel> {
    return this.grid.upsertIntensity(params.code, params.year, input);
  }

  @Post('zones/:code/series')
  @HttpCode(200)
  @RequireScope('platform') // shared reference data: platform admins only
  @ApiBearerAuth()
  @ApiOperation({
    summary: 'Import an hourly intensity series (admin)',
    description:
      'Imports hourly (or finer) intensity points, idempotent on zone, signal and timestamp. ' +
      `JSON \`[{ "at": "2024-06-01T12:00:00Z", "gPerKwh": 52 }, ...]\` or \`{ "points": [...], "signal", "source" }\`; ` +
      "or text/csv, read as a stream: the service's own `at,gPerKwh`, a plain `datetime,gPerKwh` (no time zone = UTC), " +
      "or Electricity Maps' hourly export of the zone (`Datetime (UTC),...,Zone id,Carbon intensity gCO₂eq/kWh (direct)," +
      'Carbon intensity gCO₂eq/kWh (Life cycle),...`), told apart by the header row or named with `format`. ' +
      `Up to ${MAX_SERIES_POINTS} points per request (and BODY_LIMIT_BYTES). ` +
      'The same point from the same source again is left unchanged; another value or source replaces it. Makes a new data version.',
  })
  @ApiConsumes('application/json', 'text/csv')
  @ApiBody({
    schema: {
      oneOf: [
        {
          type: 'array',
          items: {
            type: 'object',
            required: ['at', 'gPerKwh'],
            properties: { at: { type: 'string', format: 'date-time' }, gPerKwh: { type: 'number' } },
          },
        },
        {
          type: 'object',
          required: ['points'],
          properties: {
            points: { type: 'array' },
            signal: { type: 'string', enum: ['average', 'marginal'] },
            source: { type: 'string' },
          },
        },
        {
          type: 'string',
          description: 'text/csv: at,gPerKwh; datetime,gPerKwh; or an Electricity Maps hourly export (Datetime (UTC),...)',
        },
      ],
    },
  })
  @ApiOkResponse({ type: SeriesImportResultModel })
  importSeries(
    @Param() params: ZoneCodeParams,
    @Query() args: SeriesImportArgs,
    @Headers('content-type') contentType: string | undefined,
    @Body() body: unknown,
  ): Promise<SeriesImportResultModel> {
    const isText = /^\s*text\/(csv|plain)\b/i.test(contentType ?? '');
    return this.grid.importSeries(params.code, args, isText ? { csv: body } : { json: body });
  }

  @Get('cloud-regions')
  @ApiOperation({ summary: 'List cloud regions' })
  @ApiOkResponse({ type: CloudRegionListModel })
  listCloudRegions(@Query() args: CloudRegionsArgs): CloudRegionListModel {
    return this.grid.listCloudRegions(args);
  }

  @Get('intensity')
  @ApiOperation({
    summary: 'Resolve a grid intensity',
    description: 'By zone, or by cloud provider and region; by year or at an instant (hourly series).',
  })
  @ApiOkResponse({ type: IntensityModel })
  intensity(@Query() args: IntensityArgs): Promise<IntensityModel> {
    return this.grid.intensity(args);
  }
}
