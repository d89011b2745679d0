import { Injectable, Optional } from '@nestjs/common';
import { validationFailed } from '../common/errors/validation-errors';
import { assertIdempotencyKey } from '../common/http/idempotency';
import { toPlain } from '../estimates/estimates.service';
import { assertRunId, decodeCursor, encodeCursor, timeRange } from '../runs/runs.util';
import { JobIntake } from './intake/job-intake';
import { stageValue } from './intake/staged-row';
import { jobNotFound, JobsError, JobsErrorCode } from './jobs.errors';
import { JobsMetrics } from './jobs.metrics';
import { JobsRepository } from './jobs.repository';
import { JOB_STATUSES, type JobFormat, type JobRecord, type JobRowError, type JobStatus } from './jobs.types';
import type { JobsListArgs } from './dto/jobs-list.args';
import type { JobErrorsArgs } from './dto/job-errors.args';
import type {
  JobAcceptedModel,
  JobErrorListModel,
  JobListModel,
  JobModel,
  JobRowErrorModel,
  JobSummaryModel,
} from './models/job.model';
import { JobsWorker } from './worker/jobs-worker';

/** First row errors embedded in a job. */
const JOB_ERRORS_INLINE = 100;

export interface Submitter {
  tenant: string;
  keyId: string | null;
}

export function encodeErrorCursor(row: number): string {
  return Buffer.from(`row:${row}`, 'utf8').toString('base64url');
}

export function decodeErrorCursor(cursor: string): number {
  const m = /^row:(\d{1,10})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  // row_number is an int4: a larger number would be a database error (a 500), not an empty page
  if (!m || Number(m[1]) > 2147483647)
    throw validationFailed([{ path: 'cursor', message: 'cursor must be a nextCursor returned by this list' }]);
  return Number(m[1]);
}

/** The one application service of jobs, behind both the REST controller and the GraphQL resolver. */
@Injectable()
export class JobsService {
  constructor(
    private readonly intake: JobIntake,
    private readonly repo: JobsRepository,
    private readonly metrics: JobsMetrics,
    @Optional() private readonly worker?: JobsWorker,
  ) {}

  /**
   * A streamed body (JSON, NDJSON or CSV): 202 once the rows are stored and queued. With an
   * Idempotency-Key already used by the tenant, the first job's 202 answer again (`replayed`), or
   * 409 IDEMPOTENCY_KEY_REUSED when the rows differ.
   */
  async submitStream(
    who: Submitter,
    format: JobFormat,
    body: AsyncIterable<Buffer>,
    idempotencyKey?: string | null,
  ): Promise<{ job: JobAcceptedModel; replayed: boolean }> {
    const key = assertIdempotencyKey(idempotencyKey);
    const { id, total, replayed } = await this.intake.ingest({ ...who, format, body, idempotencyKey: key });
    if (!replayed) this.worker?.nudge();
    return { job: { id, status: 'queued', total }, replayed };
  }

  /** Rows already parsed (GraphQL createJob); a retry with the same idempotencyKey answers the first job. */
  async submitRows(who: Submitter, runs: unknown[], idempotencyKey?: string | null): Promise<JobModel> {
    const key = assertIdempotencyKey(idempotencyKey);
    const rows = runs.map((r) => stageValue(toPlain(r)));
    const { id, replayed } = await this.intake.ingest({ ...who, format: 'json', body: { rows }, idempotencyKey: key });
    if (!replayed) this.worker?.nudge();
    return this.get(who.tenant, id);
  }

  async get(tenant: string, id: string): Promise<JobModel> {
    const job = await this.repo.find(tenant, assertJobId(id));
    if (!job) throw jobNotFound(id);
    const errors = job.failed > 0 ? (await this.repo.errors(job.id, 0, JOB_ERRORS_INLINE)).items : [];
    return toJobModel(job, errors);
  }

  /**
   * Stops a queued or running job: no further chunk is processed (chunks already delivered drop
   * their rows), the runs and errors so far stay, and the job ends `cancelled` with its counters.
   * Cancelling a cancelled job answers it again; a finished one is 409 JOB_ALREADY_FINISHED.
   */
  async cancel(tenant: string, id: string): Promise<JobModel> {
    const jobId = assertJobId(id);
    const cancelled = await this.repo.cancel(tenant, jobId);
    if (cancelled?.finishedAt) {
      this.metrics.jobDuration.observe(
        { status: 'cancelled' },
        (cancelled.finishedAt.getTime() - cancelled.createdAt.getTime()) / 1000,
      );
    }
    const job = cancelled ?? (await this.repo.find(tenant, jobId));
    if (!job) throw jobNotFound(id);
    if (job.status !== 'cancelled') {
      throw new JobsError(
        JobsErrorCode.JOB_ALREADY_FINISHED,
        `Job ${job.id} already finished (${job.status}); there is nothing to cancel.`,
        [{ jobId: job.id, status: job.status }],
      );
    }
    return this.get(tenant, jobId);
  }

  /** The tenant's jobs, newest first, by status and creation time, in keyset pages. */
  async list(tenant: string, args: JobsListArgs): Promise<JobListModel> {
    const statuses = parseStatuses(args.status);
    const { from, to } = timeRange(args.from, args.to);
    const after = args.cursor ? decodeCursor(args.cursor) : null;
    const page = await this.repo.list(tenant, { statuses, from, to }, args.limit ?? 50, after);
    const last = page.items[page.items.length - 1];
    return { items: page.items.map(toJobSummary), nextCursor: page.more && last ? encodeCursor(last) : null };
  }

  async errors(tenant: string, id: string, args: JobErrorsArgs): Promise<JobErrorListModel> {
    const job = await this.repo.find(tenant, assertJobId(id));
    if (!job) throw jobNotFound(id);
    const after = args.cursor ? decodeErrorCursor(args.cursor) : 0;
    const page = await this.repo.errors(job.id, after, args.limit ?? 50);
    const last = page.items[page.items.length - 1];
    return {
      items: page.items.map(toJobRowError),
      nextCursor: page.more && last ? encodeErrorCursor(last.row) : null,
    };
  }
}

function assertJobId(id: string): string {
  try {
    return assertRunId(id);
  } catch {
    throw validationFailed([{ path: 'id', message: 'id must be a UUID' }]);
  }
}

/** `status=queued,running`: known statuses, or 400 naming `status`. */
function parseStatuses(value: string | null | undefined): JobStatus[] | null {
  if (value === undefined || value === null) return null;
  const parts = value.split(',').map((s) => s.trim());
  const unknown = parts.filter((p) => !(JOB_STATUSES as readonly string[]).includes(p));
  if (unknown.length || parts.length === 0) {
    throw validationFailed([
      { path: 'status', message: `status must be one or more of ${JOB_STATUSES.join(', ')} separated by commas` },
    ]);
  }
  return [...new Set(parts)] as JobStatus[];
}

export function toJobSummary(j: JobRecord): JobSummaryModel {
  return {
    id: j.id,
    status: j.status,
    total: j.total,
    processed: j.processed,
    succeeded: j.succeeded,
    failed: j.failed,
    createdAt: j.createdAt,
    startedAt: j.startedAt,
    finishedAt: j.finishedAt,
  };
}

export function toJobModel(j: JobRecord, errors: JobRowError[]): JobModel {
  return { ...toJobSummary(j), errors: errors.map(toJobRowError) };
}

function toJobRowError(e: JobRowError): JobRowErrorModel {
  return { row: e.row, code: e.code, message: e.message, details: e.details, externalId: e.externalId };
}
