import { Controller, Get, Headers, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import { RouteConfig } from '@nestjs/platform-fastify';
import {
  ApiAcceptedResponse,
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiBody,
  ApiConflictResponse,
  ApiConsumes,
  ApiHeader,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiPayloadTooLargeResponse,
  ApiTags,
  ApiUnsupportedMediaTypeResponse,
  getSchemaPath,
  ApiExtraModels,
} from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Readable } from 'node:stream';
import { CurrentAuth } from '../auth/auth.guard';
import type { AuthContext } from '../auth/auth.types';
import { RequireScope } from '../auth/scopes.decorator';
import { CommonError, CommonErrorCode } from '../common/errors/common.errors';
import { assertIdempotencyKey, IDEMPOTENT_REPLAYED_HEADER } from '../common/http/idempotency';
import { JobErrorsArgs } from './dto/job-errors.args';
import { JobInput } from './dto/job.input';
import { JobsError, JobsErrorCode } from './jobs.errors';
import { JobsService } from './jobs.service';
import type { JobFormat } from './jobs.types';
import { JobsListArgs } from './dto/jobs-list.args';
import { JobAcceptedModel, JobErrorListModel, JobListModel, JobModel } from './models/job.model';

/** Routes whose body parsers hand the raw request stream through instead of buffering (see app.factory.ts). */
export const STREAM_BODY = { streamBody: true } as const;

const FORMATS: Record<string, JobFormat> = {
  'application/json': 'json',
  'application/x-ndjson': 'ndjson',
  'application/ndjson': 'ndjson',
  'application/jsonl': 'ndjson',
  'text/csv': 'csv',
};

export function formatOf(contentType: string | undefined): JobFormat {
  const type = (contentType ?? '').split(';')[0].trim().toLowerCase();
  const format = FORMATS[type];
  if (!format) {
    throw new CommonError(
      CommonErrorCode.UNSUPPORTED_MEDIA_TYPE,
      `POST /v1/jobs takes application/json, application/x-ndjson or text/csv (got ${type || 'no content type'}).`,
    );
  }
  return format;
}

/** The body as a byte stream, whatever the parser left (a stream normally; a string or Buffer otherwise). */
function bodyStream(body: unknown): AsyncIterable<Buffer> {
  if (body === undefined || body === null || body === '')
    throw new JobsError(JobsErrorCode.JOB_EMPTY, 'The request body is empty.');
  if (typeof (body as AsyncIterable<Buffer>)[Symbol.asyncIterator] === 'function') return body as AsyncIterable<Buffer>;
  if (typeof body === 'string' || Buffer.isBuffer(body)) return Readable.from([Buffer.from(body)]);
  return Readable.from([Buffer.from(JSON.stringify(body))]);
}

@ApiTags('jobs')
@ApiBearerAuth()
@ApiExtraModels(JobInput)
@Controller('v1/jobs')
export class JobsController {
  constructor(private readonly jobs: JobsService) {}

  @Post()
  @ApiOperation({ summary: 'Submit a bulk job of runs (JSON, NDJSON or CSV)' })
  @RequireScope('write')
  @RouteConfig(STREAM_BODY)
  @HttpCode(202)
  @ApiConsumes('application/json', 'application/x-ndjson', 'text/csv')
  @ApiBody({
    description:
      'Streamed, up to JOBS_MAX_ROWS rows and JOBS_MAX_BODY_BYTES: `{ "runs": [RunCreate, ...] }`, NDJSON (one RunCreate per line) ' +
      'or CSV with a header row (columns in README.md, "Jobs"). Rows are validated one by one; a bad row becomes an error of the job.',
    schema: { oneOf: [{ $ref: getSchemaPath(JobInput) }, { type: 'string', description: 'NDJSON or CSV text' }] },
  })
  @ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description:
      'Retries with the same key and rows answer the first job (same id and total, 202, `Idempotent-Replayed: true`) ' +
      'and store nothing, also when they arrive concurrently; other rows with it are 409.',
  })
  @ApiAcceptedResponse({ type: JobAcceptedModel, description: 'Every row is stored and queued; poll GET /v1/jobs/{id}.' })
  @ApiConflictResponse({ description: 'IDEMPOTENCY_KEY_REUSED: the key was used by a job with different rows.' })
  @ApiBadRequestResponse({
    description: 'MALFORMED_JSON, MALFORMED_CSV, CSV_HEADER_INVALID, JOB_EMPTY, VALIDATION_FAILED (envelope).',
  })
  @ApiPayloadTooLargeResponse({ description: 'JOB_TOO_MANY_ROWS or PAYLOAD_TOO_LARGE.' })
  @ApiUnsupportedMediaTypeResponse({ description: 'UNSUPPORTED_MEDIA_TYPE' })
  async create(
    @CurrentAuth() auth: AuthContext,
    @Req() req: FastifyRequest,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<JobAcceptedModel> {
    const format = formatOf(req.headers['content-type']);
    const key = assertIdempotencyKey(idempotencyKey); // refused before the body is read
    const { job, replayed } = await this.jobs.submitStream(
      { tenant: auth.tenant, keyId: auth.keyId },
      format,
      bodyStream(req.body),
      key,
    );
    if (replayed) void reply.header(IDEMPOTENT_REPLAYED_HEADER, 'true');
    return job;
  }

  @Get()
  @ApiOperation({ summary: "List your tenant's jobs" })
  @RequireScope('read')
  @ApiOkResponse({
    type: JobListModel,
    description: 'Newest first, filtered by status and creation time; pass nextCursor as cursor for the next page.',
  })
  @ApiBadRequestResponse({ description: 'VALIDATION_FAILED: an unknown status, a bad from/to, limit or cursor.' })
  list(@CurrentAuth() auth: AuthContext, @Query() args: JobsListArgs): Promise<JobListModel> {
    return this.jobs.list(auth.tenant, args);
  }

  @Get(':id')
  @ApiOperation({ summary: "Get a job's status and first errors" })
  @RequireScope('read')
  @ApiOkResponse({ type: JobModel, description: 'Status and counters, live while the job runs; the first 100 row errors.' })
  @ApiNotFoundResponse({ description: "JOB_NOT_FOUND (also for another tenant's job)." })
  get(@CurrentAuth() auth: AuthContext, @Param('id') id: string): Promise<JobModel> {
    return this.jobs.get(auth.tenant, id);
  }

  @Post(':id/cancel')
  @ApiOperation({ summary: 'Cancel a queued or running job' })
  @RequireScope('write')
  @HttpCode(200)
  @ApiOkResponse({
    type: JobModel,
    description:
      'The job, status `cancelled`: no further chunk runs; runs and errors so far stay and the counters say how far it got ' +
      '(processed < total). Cancelling a cancelled job answers it again.',
  })
  @ApiNotFoundResponse({ description: 'JOB_NOT_FOUND' })
  @ApiConflictResponse({ description: 'JOB_ALREADY_FINISHED: the job succeeded, failed or ended partial before the cancel.' })
  cancel(@CurrentAuth() auth: AuthContext, @Param('id') id: string): Promise<JobModel> {
    return this.jobs.cancel(auth.tenant, id);
  }

  @Get(':id/errors')
  @ApiOperation({ summary: "List a job's row errors" })
  @RequireScope('read')
  @ApiOkResponse({ type: JobErrorListModel, description: 'All row errors in row order, paged with cursor.' })
  @ApiNotFoundResponse({ description: 'JOB_NOT_FOUND' })
  errors(@CurrentAuth() auth: AuthContext, @Param('id') id: string, @Query() args: JobErrorsArgs): Promise<JobErrorListModel> {
    return this.jobs.errors(auth.tenant, id, args);
  }
}
