import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiKeysService } from './api-keys.service';
import { CreateApiKeyInput } from './dto/create-api-key.input';
import { ApiKeyList, ApiKeyModel, CreatedApiKeyModel, toApiKeyModel } from './models/api-key.model';
import { RequireScope } from './scopes.decorator';

@ApiTags('api keys')
@ApiBearerAuth()
@RequireScope('admin')
@Controller('v1/api-keys')
export class ApiKeysController {
  constructor(private readonly keys: ApiKeysService) {}

  @Post()
  @ApiOperation({ summary: 'Create an API key (admin)' })
  @ApiCreatedResponse({ type: CreatedApiKeyModel, description: 'The key is in `key`, shown this once.' })
  async create(@Body() input: CreateApiKeyInput): Promise<CreatedApiKeyModel> {
    const created = await this.keys.create(input);
    return { ...created, lastUsedAt: null, revokedAt: null };
  }

  @Get()
  @ApiOperation({ summary: 'List API keys (admin)' })
  @ApiOkResponse({ type: ApiKeyList })
  async list(): Promise<ApiKeyList> {
    return { items: (await this.keys.list()).map(toApiKeyModel) };
  }

  @Delete(':id')
  @ApiOperation({ summary: 'Revoke an API key (admin)' })
  @HttpCode(200)
  @ApiOkResponse({ type: ApiKeyModel, description: 'The revoked key.' })
  async revoke(@Param('id', new ParseUUIDPipe()) id: string): Promise<ApiKeyModel> {
    return toApiKeyModel(await this.keys.revoke(id));
  }
}
