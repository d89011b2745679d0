import { Query, Resolver } from '@nestjs/graphql';
import { DataVersionsService } from './data-versions.service';
import { DataVersionModel } from './models/data-version.model';

@Resolver(() => DataVersionModel)
export class DataVersionsResolver {
  constructor(private readonly service: DataVersionsService) {}

  @Query(() => [DataVersionModel], { description: 'Reference-data releases, newest first.' })
  dataVersions(): Promise<DataVersionModel[]> {
    return this.service.list();
  }
}
