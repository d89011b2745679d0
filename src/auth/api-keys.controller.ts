import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentAuth } from './auth.guard';
import type { AuthContext } from './auth.types';
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
  async create(@Body() input: CreateApiKeyInput, @CurrentAuth() auth: AuthContext): Promise<CreatedApiKeyModel> {
    const created = await this.keys.create(input, auth);
    return { ...created, lastUsedAt: null, revokedAt: null };
  }

  @Get()
  @ApiOperation({ summary: 'List API keys (admin)' })
  @ApiOkResponse({ type: ApiKeyList })
  async list(@CurrentAuth() auth: AuthContext): Promise<ApiKeyList> {
    return { items: (await this.keys.list(auth)).map(toApiKeyModel) };
  }

  @Delete(':id')
  @ApiOperation({ summary: 'Revoke an API key (admin)' })
  @HttpCode(200)
  @ApiOkResponse({ type: ApiKeyModel, description: 'The revoked key.' })
  async revoke(@Param('id', new ParseUUIDPipe()) id: string, @CurrentAuth() auth: AuthContext): Promise<ApiKeyModel> {
    return toApiKeyModel(await this.keys.revoke(id, auth));
  }
}
