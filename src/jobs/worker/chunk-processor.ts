import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { toApiError } from '../../common/errors/api-error';
import { EstimatesService } from '../../estimates/estimates.service';
import { estimate as runEstimate, type EstimationContext } from '../../estimation';
import { fromCodeCarbon, runInputErrors } from '../../runs/create-run.usecase';
import type { RunInput } from '../../runs/dto/run.input';
import { type BulkRun, type PreparedRuns, RunsBulkWriter } from '../../runs/runs-bulk-writer';
import { instant, requestHash } from '../../runs/runs.util';
import { JobsMetrics } from '../jobs.metrics';
import type { ChunkMessage } from '../jobs.types';
import { EXTERNAL_ID_RULE } from '../intake/staged-row';

type Row = Record<string, unknown>;

/** A run computed from one input row (written by the runs module's bulk writer). */
type ComputedRun = BulkRun & { source_row: number };

interface ErrorRow {
  row_number: number;
  code: string;
  message: string;
  details: unknown[];
  external_id?: string | null;
}

export interface ChunkResult {
  /** Rows this call claimed (0 when another delivery of the chunk already committed them). */
  claimed: number;
  succeeded: number;
  failed: number;
}

/** Validates one RunCreate like POST /v1/runs does (RunInput + time checks) and estimates it. */
export function computeRun(staged: Row, sourceRow: number, ctx: EstimationContext): ComputedRun | ErrorRow {
  try {
    // A valid externalId was staged in its own column (staged-row.ts): one still in the payload is invalid.
    const row: Row = { ...staged };
    delete row.externalId;
    const idErrors = 'externalId' in staged ? [{ path: 'externalId', message: EXTERNAL_ID_RULE }] : [];
    // a row may be a CodeCarbon record (`codecarbon`), mapped (and validated) as POST /v1/runs maps it
    const record = row.codecarbon !== undefined;
    const payload = (record ? fromCodeCarbon(row as unknown as RunInput) : row) as Row;
    const details = [...idErrors, ...(record ? [] : runInputErrors(payload))];
    if (details.length) {
      return { row_number: sourceRow, code: 'VALIDATION_FAILED', message: details.map((d) => d.message).join('; '), details };
    }
    const startedAt = instant('startedAt', payload.startedAt as string | undefined);
    const endedAt = instant('endedAt', payload.endedAt as string | undefined);
    if (startedAt && endedAt && endedAt.getTime() < startedAt.getTime()) {
      const details = [{ path: 'endedAt', message: 'endedAt must not be before startedAt' }];
      return { row_number: sourceRow, code: 'VALIDATION_FAILED', message: details[0].message, details };
    }
    // priced at the run's own time (series points for the chunk's periods are in ctx, see process())
    const e = runEstimate(payload.request as never, startedAt || endedAt ? { ...ctx, period: { startedAt, endedAt } } : ctx);
    if (![e.energyKwh, e.co2eKg, e.operationalCo2eKg, e.embodiedCo2eKg].every(Number.isFinite)) {
      return { row_number: sourceRow, code: 'INTERNAL_ERROR', message: 'The estimate is not a finite number.', details: [] };
    }
    return {
      source_row: sourceRow,
      sourceRow,
      name: (payload.name as string | undefined) ?? null,
      project: (payload.project as string | undefined) ?? null,
      team: (payload.team as string | undefined) ?? null,
      model: (payload.model as string | undefined) ?? null,
      tags: [...new Set((payload.tags as string[] | undefined) ?? [])],
      startedAt: startedAt ? startedAt.toISOString() : null,
      endedAt: endedAt ? endedAt.toISOString() : null,
      request: payload.request,
      estimate: e,
      requestHash: requestHash(payload),
      reported: payload.reported ?? null,
    };
  } catch (err) {
    const api = toApiError(err);
    return { row_number: sourceRow, code: api.code, message: api.message, details: api.details ?? [] };
  }
}

/**
 * Processes one chunk (rows [from, to) of a job) so that any number of deliveries, concurrent or
 * after a crash, has the effect of exactly one:
 *
 * 1. read the chunk's staged rows and compute them (validation + estimate) outside any transaction;
 * 2. in ONE transaction: claim the rows by deleting them from job_rows (DELETE ... RETURNING: a
 *    concurrent delivery blocks on the row locks, then finds them gone and claims nothing; a killed
 *    worker's transaction rolls back and its rows come back for the next delivery); write the runs
 *    of the claimed rows through the runs module's RunsBulkWriter, one COPY on a PostgreSQL server
 *    (one INSERT on the embedded engine), packed and encoded before the transaction (the claim is what
 *    makes it exactly once; the unique (job_id, source_row) index is the last word: a second run for
 *    an input row fails the transaction); the errors with ON CONFLICT DO NOTHING; add the claimed rows
 *    to the job's counters and, when the last row is in, set the final status.
 *
 * Counters only ever grow by rows this transaction claimed, so processed reaches total exactly once.
 * The runs rollup triggers are statement-level: the chunk's COPY updates the rollups once.
 */
@Injectable()
export class ChunkProcessor {
  private readonly logger = new Logger(ChunkProcessor.name);

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly estimates: EstimatesService,
    private readonly metrics: JobsMetrics,
    private readonly runs: RunsBulkWriter,
  ) {}

  /** Processes one chunk (see processChunk) and records its rows and duration in /metrics. */
  async process(msg: ChunkMessage): Promise<ChunkResult> {
    const end = this.metrics.chunkDuration.startTimer();
    try {
      const result = await this.processChunk(msg);
      end({ outcome: result.claimed > 0 ? 'processed' : 'skipped' });
      return result;
    } catch (err) {
      end({ outcome: 'error' });
      throw err;
    }
  }

  private async processChunk(msg: ChunkMessage): Promise<ChunkResult> {
    const jobs: Row[] = await this.ds.query(`SELECT tenant, status FROM jobs WHERE id = $1`, [msg.jobId]);
    const job = jobs[0];
    if (!job || job.status === 'receiving') return { claimed: 0, succeeded: 0, failed: 0 }; // deleted, or a stale message
    if (job.status === 'cancelled') return this.dropCancelled(msg);
    const staged: Row[] = await this.ds.query(
      `SELECT row_number, payload, error_code, error_message, external_id FROM job_rows
       WHERE job_id = $1 AND row_number >= $2 AND row_number < $3 ORDER BY row_number`,
      [msg.jobId, msg.from, msg.to],
    );
    if (staged.length === 0) return { claimed: 0, succeeded: 0, failed: 0 };
    if (job.status === 'queued') {
      await this.ds.query(
        `UPDATE jobs SET status = 'running', started_at = coalesce(started_at, now()) WHERE id = $1 AND status = 'queued'`,
        [msg.jobId],
      );
    }

    const ctx = await this.estimates.prepare(
      staged
        .filter((r) => !r.error_code)
        .map((r) => {
          const p = (r.payload ?? {}) as Row;
          const time = (v: unknown) => (typeof v === 'string' ? v : null);
          return { request: p.request, period: { startedAt: time(p.startedAt), endedAt: time(p.endedAt) } };
        }),
    );
    // Each run is packed and encoded for the runs table as soon as it is computed (its estimate then dies young);
    // only a run with a release text not stored yet waits for prepare(), which stores it (before the transaction).
    const encoder = await this.runs.encoder();
    const outcomes = new Map<number, { source_row: number } | ErrorRow>();
    const encoded: PreparedRuns['rows'] = [];
    const pending: ComputedRun[] = [];
    for (const r of staged) {
      const n = Number(r.row_number);
      const external_id = (r.external_id as string | null) ?? null;
      if (r.error_code)
        outcomes.set(n, {
          row_number: n,
          code: r.error_code as string,
          message: (r.error_message as string) ?? '',
          details: [],
          external_id,
        });
      else {
        const o = computeRun(r.payload as Row, n, ctx);
        if (!('source_row' in o)) outcomes.set(n, { ...o, external_id });
        else {
          const run = { ...o, externalId: external_id };
          const row = encoder.encode(run);
          if (row) encoded.push(row);
          else pending.push(run);
          outcomes.set(n, { source_row: n });
        }
      }
    }
    const prepared: PreparedRuns = {
      method: encoder.method,
      rows: pending.length ? [...encoded, ...(await this.runs.prepare(pending)).rows] : encoded,
    };

    return this.inChunkTransaction(msg, async (m, afterCommit) => {
      const claimed = await claimRows(m, msg);
      if (claimed.length === 0) return { claimed: 0, succeeded: 0, failed: 0 };
      const runs: { source_row: number }[] = [];
      const errors: ErrorRow[] = [];
      for (const { row: n, externalId } of claimed) {
        const o = outcomes.get(n);
        if (!o) {
          // staged after our read: cannot happen (rows are staged before the job is queued); keep it countable
          errors.push({
            row_number: n,
            code: 'INTERNAL_ERROR',
            message: 'The row was not read before it was claimed.',
            details: [],
            external_id: externalId,
          });
        } else if ('source_row' in o) runs.push(o);
        else errors.push(o);
      }
      if (runs.length) {
        // one COPY (one statement: the rollup trigger aggregates the chunk once); the claim above makes it exactly once
        const written = await this.runs.write(
          m,
          job.tenant as string,
          msg.jobId,
          prepared,
          new Set(runs.map((r) => r.source_row)),
        );
        if (written !== runs.length) throw new Error(`chunk ${msg.from}-${msg.to}: ${written} of ${runs.length} runs prepared`);
      }
      if (errors.length) {
        await m.query(
          `INSERT INTO job_errors (job_id, row_number, code, message, details, external_id)
           SELECT $1, e.row_number, e.code, e.message, e.details, e.external_id
           FROM json_to_recordset($2::json) AS e(row_number int, code text, message text, details jsonb, external_id text)
           ON CONFLICT (job_id, row_number) DO NOTHING`,
          [msg.jobId, JSON.stringify(errors)],
        );
      }
      await this.addToCounters(m, afterCommit, {
        jobId: msg.jobId,
        claimed: claimed.length,
        succeeded: runs.length,
        failed: errors.length,
      });
      return { claimed: claimed.length, succeeded: runs.length, failed: errors.length };
    });
  }

  /**
   * Runs a chunk's claim-and-write transaction. When the job was cancelled before it committed (the
   * counter update finds status `cancelled`), the transaction rolls back, so nothing of the chunk
   * is stored, and the chunk's rows are dropped instead.
   */
  private async inChunkTransaction(
    msg: ChunkMessage,
    work: (m: EntityManager, afterCommit: (() => void)[]) => Promise<ChunkResult>,
  ): Promise<ChunkResult> {
    const afterCommit: (() => void)[] = [];
    try {
      const result = await this.ds.transaction((m) => work(m, afterCommit));
      for (const f of afterCommit) f();
      return result;
    } catch (err) {
      if (!(err instanceof JobCancelled)) throw err;
      return this.dropCancelled(msg);
    }
  }

  /** addToCounters; once the chunk committed, its rows and a finished job's duration go to /metrics. */
  private async addToCounters(
    m: EntityManager,
    afterCommit: (() => void)[],
    c: { jobId: string; claimed: number; succeeded: number; failed: number },
  ): Promise<void> {
    const done = await addToCounters(m, c.jobId, c.claimed, c.succeeded, c.failed);
    afterCommit.push(() => {
      this.metrics.rowsProcessed.inc(c.claimed);
      if (c.failed) this.metrics.rowsFailed.inc(c.failed);
      if (done) this.metrics.jobDuration.observe({ status: done.status }, done.seconds);
    });
  }

  /** A cancelled job's chunk: its staged rows are deleted unprocessed (the job keeps its counters). */
  private async dropCancelled(msg: ChunkMessage): Promise<ChunkResult> {
    await this.ds.query(`DELETE FROM job_rows WHERE job_id = $1 AND row_number >= $2 AND row_number < $3`, [
      msg.jobId,
      msg.from,
      msg.to,
    ]);
    return { claimed: 0, succeeded: 0, failed: 0 };
  }

  /**
   * A chunk that failed every delivery (pg-boss moved it to the dead-letter queue): its rows that no
   * delivery committed become row errors CHUNK_FAILED, so the job still reaches a final status
   * instead of staying `running`. Claims the rows like process(), so it is idempotent too.
   */
  async fail(msg: ChunkMessage, reason: string): Promise<ChunkResult> {
    return this.inChunkTransaction(msg, async (m, afterCommit) => {
      const claimed = await claimRows(m, msg);
      if (claimed.length === 0) return { claimed: 0, succeeded: 0, failed: 0 };
      const message = `The chunk holding this row failed on every delivery: ${reason}`.slice(0, 1000);
      await m.query(
        `INSERT INTO job_errors (job_id, row_number, code, message, details, external_id)
         SELECT $1, c.n, 'CHUNK_FAILED', $3, '[]'::jsonb, c.x FROM unnest($2::int[], $4::text[]) AS c(n, x)
         ON CONFLICT (job_id, row_number) DO NOTHING`,
        [msg.jobId, claimed.map((c) => c.row), message, claimed.map((c) => c.externalId)],
      );
      await this.addToCounters(m, afterCommit, {
        jobId: msg.jobId,
        claimed: claimed.length,
        succeeded: 0,
        failed: claimed.length,
      });
      return { claimed: claimed.length, succeeded: 0, failed: claimed.length };
    });
  }
}

/** Thrown by addToCounters when the job was cancelled: the chunk's transaction rolls back. */
class JobCancelled extends Error {}

/**
 * Claims the chunk's staged rows that no delivery has committed yet (deleting them is the claim, in
 * the caller's transaction) and returns their row numbers (and externalIds): what makes a chunk idempotent.
 */
async function claimRows(m: EntityManager, msg: ChunkMessage): Promise<{ row: number; externalId: string | null }[]> {
  const rows: Row[] = await m.query(
    `DELETE FROM job_rows WHERE job_id = $1 AND row_number >= $2 AND row_number < $3 RETURNING row_number, external_id`,
    [msg.jobId, msg.from, msg.to],
  );
  // TypeORM's query() answers a DELETE ... RETURNING as [rows, count] on PostgreSQL.
  return (Array.isArray(rows[0]) ? (rows[0] as Row[]) : rows).map((r) => ({
    row: Number(r.row_number),
    externalId: (r.external_id as string | null) ?? null,
  }));
}

/**
 * Adds a chunk's claimed rows to the job's counters; the update that completes the job sets its final
 * status. A cancelled job takes no more rows: JobCancelled rolls the chunk back. (The update waits for
 * a concurrent cancel's row lock and then sees its status, so a chunk commits before the cancel or not
 * at all.)
 */
async function addToCounters(
  m: EntityManager,
  jobId: string,
  claimed: number,
  succeeded: number,
  failed: number,
): Promise<{ status: string; seconds: number } | null> {
  const updated: unknown[] = await m.query(
    `UPDATE jobs SET
       processed = processed + $2, succeeded = succeeded + $3, failed = failed + $4,
       started_at = coalesce(started_at, now()),
       status = CASE WHEN processed + $2 < total THEN 'running'
                     WHEN failed + $4 = 0 THEN 'succeeded'
                     WHEN succeeded + $3 = 0 THEN 'failed'
                     ELSE 'partial' END,
       finished_at = CASE WHEN processed + $2 >= total THEN now() ELSE NULL END
     WHERE id = $1 AND status <> 'cancelled'
     RETURNING id, status, finished_at IS NOT NULL AS done, extract(epoch FROM finished_at - created_at) AS seconds`,
    [jobId, claimed, succeeded, failed],
  );
  // TypeORM answers an UPDATE ... RETURNING as [rows, count] on PostgreSQL
  const rows = (Array.isArray(updated[0]) ? updated[0] : updated) as { status: string; done: boolean; seconds: unknown }[];
  if (rows.length === 0) throw new JobCancelled(`job ${jobId} was cancelled`);
  return rows[0].done ? { status: rows[0].status, seconds: Number(rows[0].seconds) } : null;
}
