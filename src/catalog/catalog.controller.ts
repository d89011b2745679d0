import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentAuth } from '../auth/auth.guard';
import type { AuthContext } from '../auth/auth.types';
import { RequireScope } from '../auth/scopes.decorator';
import { CatalogService } from './catalog.service';
import { HardwareListArgs } from './dto/hardware-list.args';
import { HardwareIdParams, HardwareRefArgs } from './dto/hardware-ref.args';
import { HardwareInput, HardwarePatchInput } from './dto/hardware.input';
import { HardwareListModel, HardwareModel, toHardwareModel } from './models/hardware.model';

@ApiTags('reference data')
@Controller('v1/hardware')
export class CatalogController {
  constructor(private readonly catalog: CatalogService) {}

  @Get()
  @ApiOperation({
    summary: 'List hardware',
    description: 'Filtered by kind, vendor and free text; ordered by id; cursor-paginated.',
  })
  @ApiOkResponse({ type: HardwareListModel })
  list(@Query() args: HardwareListArgs): HardwareListModel {
    const page = this.catalog.list(args);
    return { items: page.items.map((r) => toHardwareModel(r)), nextCursor: page.nextCursor };
  }

  @Get(':ref')
  @ApiOperation({
    summary: 'Get hardware by id or alias',
    description:
      'A bare family name resolves to its default variant (see resolvedFrom, warnings). Unknown: 404 HARDWARE_NOT_FOUND with close matches in details.',
  })
  @ApiOkResponse({ type: HardwareModel })
  get(@Param() { ref }: HardwareRefArgs): HardwareModel {
    const { row, resolution } = this.catalog.resolveEntry(ref);
    return toHardwareModel(row, resolution);
  }

  @Post()
  @RequireScope('platform') // shared reference data: platform admins only
  @ApiBearerAuth()
  @ApiOperation({
    summary: 'Add a custom hardware entry (admin)',
    description: 'Recorded as a new data version; resolvable at once.',
  })
  @ApiCreatedResponse({ type: HardwareModel })
  async create(@Body() input: HardwareInput, @CurrentAuth() auth: AuthContext | null): Promise<HardwareModel> {
    return toHardwareModel(await this.catalog.create(input, auth));
  }

  @Patch(':id')
  @RequireScope('platform') // shared reference data: platform admins only
  @ApiBearerAuth()
  @ApiOperation({
    summary: 'Change a custom hardware entry (admin)',
    description: 'Seed rows are read-only: 403 SEED_HARDWARE_READ_ONLY.',
  })
  @ApiOkResponse({ type: HardwareModel })
  async update(
    @Param() { id }: HardwareIdParams,
    @Body() patch: HardwarePatchInput,
    @CurrentAuth() auth: AuthContext | null,
  ): Promise<HardwareModel> {
    return toHardwareModel(await this.catalog.update(id, patch, auth));
  }

  @Delete(':id')
  @HttpCode(200)
  @RequireScope('platform') // shared reference data: platform admins only
  @ApiBearerAuth()
  @ApiOperation({
    summary: 'Delete a custom hardware entry (admin)',
    description: 'Seed rows are read-only: 403 SEED_HARDWARE_READ_ONLY.',
  })
  @ApiOkResponse({ type: HardwareModel, description: 'The deleted entry.' })
  async remove(@Param() { id }: HardwareIdParams, @CurrentAuth() auth: AuthContext | null): Promise<HardwareModel> {
    return toHardwareModel(await this.catalog.remove(id, auth));
  }
}
