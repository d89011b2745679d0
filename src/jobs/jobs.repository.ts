import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { JobFormat, JobRecord, JobRowError, JobStatus } from './jobs.types';

type Row = Record<string, unknown>;

const COLUMNS = 'id, tenant, status, format, total, processed, succeeded, failed, created_at, started_at, finished_at';

function toRecord(r: Row): JobRecord {
  return {
    id: r.id as string,
    tenant: r.tenant as string,
    status: r.status as JobStatus,
    format: r.format as JobFormat,
    total: Number(r.total),
    processed: Number(r.processed),
    succeeded: Number(r.succeeded),
    failed: Number(r.failed),
    createdAt: r.created_at as Date,
    startedAt: (r.started_at as Date | null) ?? null,
    finishedAt: (r.finished_at as Date | null) ?? null,
  };
}

function toError(r: Row): JobRowError {
  return {
    row: Number(r.row_number),
    code: r.code as string,
    message: r.message as string,
    details: (r.details as unknown[]) ?? [],
    externalId: (r.external_id as string | null) ?? null,
  };
}

/** Reads of jobs and their errors (tenant-scoped). Writes live with the intake and the chunk processor. */
@Injectable()
export class JobsRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /** A job that finished its intake; a job still `receiving` does not exist yet for the API. */
  async find(tenant: string, id: string): Promise<JobRecord | null> {
    const rows: Row[] = await this.ds.query(
      `SELECT ${COLUMNS} FROM jobs WHERE id = $1 AND tenant = $2 AND status <> 'receiving'`,
      [id, tenant],
    );
    return rows[0] ? toRecord(rows[0]) : null;
  }

  /** A page of the tenant's jobs, newest first, keyset after (createdAt, id); `limit + 1` read to tell whether there are more. */
  async list(
    tenant: string,
    f: { statuses: JobStatus[] | null; from: Date | null; to: Date | null },
    limit: number,
    after: { createdAt: Date; id: string } | null,
  ): Promise<{ items: JobRecord[]; more: boolean }> {
    const params: unknown[] = [tenant];
    const where = ['tenant = $1', `status <> 'receiving'`];
    const add = (sql: (p: string) => string, value: unknown) => {
      params.push(value);
      where.push(sql(`$${params.length}`));
    };
    if (f.statuses) add((p) => `status = ANY(${p}::text[])`, f.statuses);
    if (f.from) add((p) => `created_at >= ${p}`, f.from);
    if (f.to) add((p) => `created_at < ${p}`, f.to);
    if (after) {
      params.push(after.createdAt, after.id);
      where.push(`(created_at, id) < ($${params.length - 1}::timestamptz, $${params.length}::uuid)`);
    }
    params.push(limit + 1);
    // jobs_tenant_created_idx (tenant, created_at DESC, id DESC) serves the order and the keyset
    const rows: Row[] = await this.ds.query(
      `SELECT ${COLUMNS} FROM jobs WHERE ${where.join(' AND ')} ORDER BY created_at DESC, id DESC LIMIT $${params.length}`,
      params,
    );
    return { items: rows.slice(0, limit).map(toRecord), more: rows.length > limit };
  }

  /**
   * Cancels a queued or running job (one UPDATE: the row lock orders it with chunk commits, which
   * check the status in their own counter update). Null when the job is not queued or running.
   */
  async cancel(tenant: string, id: string): Promise<JobRecord | null> {
    const rows: Row[] = await this.ds.query(
      `UPDATE jobs SET status = 'cancelled', finished_at = now()
       WHERE id = $1 AND tenant = $2 AND status IN ('queued', 'running') RETURNING ${COLUMNS}`,
      [id, tenant],
    );
    const list = Array.isArray(rows[0]) ? (rows[0] as Row[]) : rows;
    return list[0] ? toRecord(list[0]) : null;
  }

  /** Errors in row order after `afterRow`, `limit + 1` read to tell whether there are more. */
  async errors(jobId: string, afterRow: number, limit: number): Promise<{ items: JobRowError[]; more: boolean }> {
    const rows: Row[] = await this.ds.query(
      `SELECT row_number, code, message, details, external_id FROM job_errors
       WHERE job_id = $1 AND row_number > $2 ORDER BY row_number LIMIT $3`,
      [jobId, afterRow, limit + 1],
    );
    return { items: rows.slice(0, limit).map(toError), more: rows.length > limit };
  }

  /** Intakes that never finished (the process died mid-body, nobody got a 202): deleted with their rows. */
  async deleteStaleIntakes(olderThanSeconds: number): Promise<number> {
    const rows: Row[] = await this.ds.query(
      `DELETE FROM jobs WHERE status = 'receiving' AND created_at < now() - make_interval(secs => $1) RETURNING id`,
      [olderThanSeconds],
    );
    return (Array.isArray(rows[0]) ? (rows[0] as Row[]) : rows).length;
  }
}
