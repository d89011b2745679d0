import { Body, Controller, Delete, Get, Headers, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiHeader,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentAuth } from '../auth/auth.guard';
import type { AuthContext } from '../auth/auth.types';
import { RequireScope } from '../auth/scopes.decorator';
import { CreateRun } from './create-run.usecase';
import { RunInput } from './dto/run.input';
import { RunsListArgs } from './dto/runs-list.args';
import { RecalculationModel, RunHistoryList, RunListModel, RunModel } from './models/run.model';
import { RunsService, toRunModel } from './runs.service';

@ApiTags('runs')
@ApiBearerAuth()
@Controller('v1/runs')
export class RunsController {
  constructor(
    private readonly createRun: CreateRun,
    private readonly runs: RunsService,
  ) {}

  @Post()
  @ApiOperation({ summary: 'Create a run' })
  @RequireScope('write')
  @ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description:
      'Retries with the same key return the first run (same id, 201, `Idempotent-Replayed: true`); another body with it is 409.',
  })
  @ApiCreatedResponse({ type: RunModel })
  @ApiBadRequestResponse({ description: 'VALIDATION_FAILED with field paths (request.hardware.count, ...).' })
  @ApiConflictResponse({ description: 'IDEMPOTENCY_KEY_REUSED: the key was used with a different body.' })
  async create(
    @CurrentAuth() auth: AuthContext,
    @Body() input: RunInput,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<RunModel> {
    const { run, replayed } = await this.createRun.execute({ tenant: auth.tenant, input, idempotencyKey });
    if (replayed) void reply.header('Idempotent-Replayed', 'true');
    return toRunModel(run);
  }

  @Get()
  @ApiOperation({ summary: 'List runs' })
  @RequireScope('read')
  @ApiOkResponse({ type: RunListModel, description: 'Newest first; pass nextCursor as cursor for the next page.' })
  list(@CurrentAuth() auth: AuthContext, @Query() args: RunsListArgs): Promise<RunListModel> {
    return this.runs.list(auth.tenant, args);
  }

  @Get(':id')
  @ApiOperation({ summary: 'Get a run' })
  @RequireScope('read')
  @ApiOkResponse({ type: RunModel })
  @ApiNotFoundResponse({ description: "RUN_NOT_FOUND (also for another tenant's run)." })
  get(@CurrentAuth() auth: AuthContext, @Param('id') id: string): Promise<RunModel> {
    return this.runs.get(auth.tenant, id);
  }

  @Delete(':id')
  @ApiOperation({ summary: 'Delete a run' })
  @RequireScope('write')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Deleted (with its history).' })
  @ApiNotFoundResponse({ description: 'RUN_NOT_FOUND' })
  async delete(@CurrentAuth() auth: AuthContext, @Param('id') id: string): Promise<void> {
    await this.runs.delete(auth.tenant, id);
  }

  @Post(':id/recalculate')
  @ApiOperation({ summary: 'Recalculate a run with the newest reference data' })
  @RequireScope('write')
  @HttpCode(200)
  @ApiOkResponse({
    type: RecalculationModel,
    description: 'Recomputed with the reference data in force; the previous estimate is kept in the history.',
  })
  @ApiNotFoundResponse({ description: 'RUN_NOT_FOUND' })
  recalculate(@CurrentAuth() auth: AuthContext, @Param('id') id: string): Promise<RecalculationModel> {
    return this.runs.recalculate(auth.tenant, id);
  }

  @Get(':id/history')
  @ApiOperation({ summary: "List a run's replaced estimates" })
  @RequireScope('read')
  @ApiOkResponse({ type: RunHistoryList, description: 'Addition: the estimates replaced by recalculations, oldest first.' })
  @ApiNotFoundResponse({ description: 'RUN_NOT_FOUND' })
  async history(@CurrentAuth() auth: AuthContext, @Param('id') id: string): Promise<RunHistoryList> {
    return { items: await this.runs.history(auth.tenant, id) };
  }
}
