import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentAuth } from '../auth/auth.guard';
import type { AuthContext } from '../auth/auth.types';
import { RequireScope } from '../auth/scopes.decorator';
import { ModelIdParams, ModelInput } from './dto/model.input';
import { ModelListArgs, ModelRefArgs } from './dto/model-args';
import { toModelRecord } from './model-input';
import { ModelCatalogService } from './model-catalog.service';
import { ModelListModel, ModelModel, toModelModel } from './models/model.model';

@ApiTags('reference data')
@Controller('v1/models')
export class ModelCatalogController {
  constructor(private readonly models: ModelCatalogService) {}

  @Get()
  @ApiOperation({ summary: 'List models', description: 'Filtered by free text and family; ordered by id; cursor-paginated.' })
  @ApiOkResponse({ type: ModelListModel })
  list(@Query() args: ModelListArgs): ModelListModel {
    const page = this.models.list(args);
    return { items: page.items.map(toModelModel), nextCursor: page.nextCursor };
  }

  @Get(':ref')
  @ApiOperation({
    summary: 'Get a model by id, Hugging Face id or alias',
    description:
      'A Hugging Face id goes URL-encoded (meta-llama%2FLlama-3.1-8B-Instruct). Unknown: 404 MODEL_NOT_FOUND with close matches in details.',
  })
  @ApiOkResponse({ type: ModelModel })
  get(@Param() { ref }: ModelRefArgs): ModelModel {
    return toModelModel(this.models.resolve(ref));
  }

  @Post()
  @RequireScope('admin')
  @ApiBearerAuth()
  @ApiOperation({
    summary: 'Add or replace a custom model entry (admin)',
    description: 'Recorded as a new data version; seed rows are read-only (403 SEED_MODEL_READ_ONLY).',
  })
  @ApiCreatedResponse({ type: ModelModel })
  async create(@Body() input: ModelInput, @CurrentAuth() auth: AuthContext | null): Promise<ModelModel> {
    return toModelModel(await this.models.upsert(toModelRecord(input, auth), auth));
  }

  @Delete(':id')
  @HttpCode(200)
  @RequireScope('admin')
  @ApiBearerAuth()
  @ApiOperation({
    summary: 'Delete a custom model entry (admin)',
    description: 'Seed rows are read-only: 403 SEED_MODEL_READ_ONLY.',
  })
  @ApiOkResponse({ type: ModelModel, description: 'The deleted entry.' })
  async remove(@Param() { id }: ModelIdParams, @CurrentAuth() auth: AuthContext | null): Promise<ModelModel> {
    return toModelModel(await this.models.remove(id, auth));
  }
}
