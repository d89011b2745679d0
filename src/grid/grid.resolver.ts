import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { RequireScope } from '../auth/scopes.decorator';
import { CloudRegionsArgs } from './dto/cloud-regions.args';
import { IntensityArgs } from './dto/intensity.args';
import { UpsertIntensityArgs } from './dto/zone.params';
import { ZonesArgs } from './dto/zones.args';
import { GridService } from './grid.service';
import { CloudRegionListModel } from './models/cloud-region.model';
import { IntensityModel, SeriesImportResultModel, UpsertedIntensityModel } from './models/intensity.model';
import { ImportSeriesArgs } from './dto/import-series.args';
import { validationFailed } from '../common/errors/validation-errors';
import { ZoneListModel, ZoneModel } from './models/zone.model';

@Resolver(() => ZoneModel)
export class GridResolver {
  constructor(private readonly grid: GridService) {}

  @Query(() => ZoneModel, { description: 'A grid zone with every year and source; unknown: ZONE_NOT_FOUND with close matches.' })
  zone(@Args('code') code: string): ZoneModel {
    return this.grid.getZone(code);
  }

  @Query(() => ZoneListModel, { description: 'Grid zones, filtered and paged like GET /v1/grid/zones.' })
  zones(@Args() args: ZonesArgs): ZoneListModel {
    return this.grid.listZones(args);
  }

  @Query(() => CloudRegionListModel, { description: 'Cloud regions with their zone, default PUE and resolved intensity.' })
  cloudRegions(@Args() args: CloudRegionsArgs): CloudRegionListModel {
    return this.grid.listCloudRegions(args);
  }

  @Query(() => IntensityModel, { description: 'A resolved intensity by zone, or provider and region; by year or `at`.' })
  intensity(@Args() args: IntensityArgs): Promise<IntensityModel> {
    return this.grid.intensity(args);
  }

  @Mutation(() => SeriesImportResultModel, {
    description:
      'Imports an hourly series into a zone (admin), like POST /v1/grid/zones/{code}/series: `points`, or `csv` text in the ' +
      "service's own form (at,gPerKwh), datetime,gPerKwh, or Electricity Maps' hourly export (`format` names it, else the header row tells).",
  })
  @RequireScope('platform') // shared reference data: platform admins only
  importSeries(@Args() args: ImportSeriesArgs): Promise<SeriesImportResultModel> {
    const { zone, points, csv, ...query } = args;
    if ((points === undefined || points === null) === (csv === undefined || csv === null)) {
      throw validationFailed([{ path: 'points', message: 'give either points or csv' }]);
    }
    return this.grid.importSeries(zone, query, csv !== undefined && csv !== null ? { csvText: csv } : { json: { points } });
  }

  @Mutation(() => UpsertedIntensityModel, {
    description: 'Upserts an admin yearly value for a zone (admin); makes a new data version.',
  })
  @RequireScope('platform') // shared reference data: platform admins only
  upsertIntensity(@Args() args: UpsertIntensityArgs): Promise<UpsertedIntensityModel> {
    return this.grid.upsertIntensity(args.zone, args.year, args.input);
  }
}
