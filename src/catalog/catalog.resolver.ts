import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CurrentAuth } from '../auth/auth.guard';
import type { AuthContext } from '../auth/auth.types';
import { RequireScope } from '../auth/scopes.decorator';
import { CatalogService } from './catalog.service';
import { HardwareListArgs } from './dto/hardware-list.args';
import { HardwareRefArgs } from './dto/hardware-ref.args';
import { HardwareInput } from './dto/hardware.input';
import { HardwareListModel, HardwareModel, toHardwareModel } from './models/hardware.model';

@Resolver(() => HardwareModel)
export class CatalogResolver {
  constructor(private readonly catalog: CatalogService) {}

  @Query(() => HardwareModel, { description: 'Hardware by id, alias or bare family name (then see resolvedFrom and warnings).' })
  hardware(@Args() { ref }: HardwareRefArgs): HardwareModel {
    const { row, resolution } = this.catalog.resolveEntry(ref);
    return toHardwareModel(row, resolution);
  }

  @Query(() => HardwareListModel, {
    description: 'Hardware filtered by kind, vendor and free text; ordered by id; cursor-paginated.',
  })
  hardwareList(@Args() args: HardwareListArgs): HardwareListModel {
    const page = this.catalog.list(args);
    return { items: page.items.map((r) => toHardwareModel(r)), nextCursor: page.nextCursor };
  }

  @Mutation(() => HardwareModel, {
    description: 'Creates a custom entry, or replaces the custom entry with the same id (admin). Seed rows are read-only.',
  })
  @RequireScope('platform') // shared reference data: platform admins only
  async upsertHardware(@Args('input') input: HardwareInput, @CurrentAuth() auth: AuthContext | null): Promise<HardwareModel> {
    return toHardwareModel(await this.catalog.upsert(input, auth));
  }

  @Mutation(() => HardwareModel, { description: 'Deletes a custom entry and returns it (admin). Seed rows are read-only.' })
  @RequireScope('platform') // shared reference data: platform admins only
  async deleteHardware(
    @Args('id', { type: () => ID }) id: string,
    @CurrentAuth() auth: AuthContext | null,
  ): Promise<HardwareModel> {
    return toHardwareModel(await this.catalog.remove(id, auth));
  }
}
