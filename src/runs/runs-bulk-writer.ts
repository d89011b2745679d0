import { finished } from 'node:stream/promises';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { DataSource, type EntityManager } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../common/config/app.config';
import type { Estimate } from '../estimation';
import { RunTexts } from './run-texts';
import { storedHeadline } from './runs.util';

/** A run computed from a job's input row, as the jobs worker hands it to the runs module. */
export interface BulkRun {
  sourceRow: number;
  name: string | null;
  project: string | null;
  team: string | null;
  model: string | null;
  tags: string[];
  /** ISO 8601 instants. */
  startedAt: string | null;
  endedAt: string | null;
  request: unknown;
  estimate: Estimate;
  requestHash: string;
  reported: unknown;
  /** The job row's externalId, if it has one. */
  externalId?: string | null;
}

/** Runs packed and encoded for storage by prepare(), outside the writing transaction. */
export interface PreparedRuns {
  method: 'copy' | 'insert';
  /** Per run: its input row and its columns after (tenant, job_id), as a COPY text line (copy) or a JSON array (insert). */
  rows: { sourceRow: number; encoded: string }[];
}

const COLUMNS = `tenant, job_id, source_row, name, project, team, model, tags, started_at, ended_at, request, estimate_packed,
  data_version, request_hash, method, zone, hardware_id, accelerator_hours, energy_kwh, co2e_kg, operational_co2e_kg,
  embodied_co2e_kg, water_l, reported, external_id`;

/** COPY text format: backslash, tab, newline and carriage return are escaped; \N is NULL. */
function cell(v: string | number | null | undefined): string {
  if (v === null || v === undefined) return '\\N';
  const s = typeof v === 'number' ? String(v) : v;
  return /[\\\t\n\r]/.test(s)
    ? s.replace(/[\\\t\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r'))
    : s;
}

/** A text[] literal: every element quoted, `"` and `\` escaped. */
function textArray(values: string[]): string {
  return `{${values.map((v) => `"${v.replace(/[\\"]/g, (c) => `\\${c}`)}"`).join(',')}}`;
}

/** A run's columns after (tenant, job_id), as a COPY text line (copy) or a JSON array (insert). */
function encodeRun(r: BulkRun, packed: unknown, method: 'copy' | 'insert'): string {
  const e = r.estimate;
  const row = [
    r.sourceRow,
    r.name,
    r.project,
    r.team,
    r.model,
    r.tags,
    r.startedAt,
    r.endedAt,
    JSON.stringify(r.request ?? null),
    JSON.stringify(packed),
    e.dataVersion,
    r.requestHash,
    ...storedHeadline(e),
    r.reported === null || r.reported === undefined ? null : JSON.stringify(r.reported),
    r.externalId ?? null,
  ] as const;
  return method === 'copy'
    ? row.map((v, i) => (i === 5 ? cell(textArray(v as string[])) : cell(v as string | number | null))).join('\t') + '\n'
    : JSON.stringify(row);
}

/**
 * The runs module's writer for bulk sources (the jobs worker): a chunk's runs go in with one
 * `COPY runs FROM STDIN` inside the caller's transaction on a PostgreSQL server (one statement, so the
 * statement-level rollup trigger aggregates the chunk once), or one multi-row INSERT on the embedded
 * engine, which cannot COPY (JOBS_BULK_LOAD, as for the intake). The unique (job_id, source_row) index
 * refuses a second run for an input row whichever path wrote the first.
 */
@Injectable()
export class RunsBulkWriter {
  private method?: Promise<'copy' | 'insert'>;

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly texts: RunTexts,
  ) {}

  /** Packs the runs' estimates (new texts are stored now, outside any transaction) and encodes the rows. */
  async prepare(runs: BulkRun[]): Promise<PreparedRuns> {
    const method = await this.bulkMethod();
    const packed = await this.texts.pack(runs.map((r) => r.estimate));
    return { method, rows: runs.map((r, i) => ({ sourceRow: r.sourceRow, encoded: encodeRun(r, packed[i], method) })) };
  }

  /**
   * A synchronous encoder for the runs of a chunk, as they are computed: encode() packs a run with the cached
   * texts and encodes it, or answers null when one of its texts is not stored yet (prepare() those runs). Encoding
   * each run as soon as it is computed lets its estimate die young: holding a chunk of estimates until the chunk
   * was done made the garbage collector the largest cost of a job (bench/jobs.bench.mjs profile).
   */
  async encoder(): Promise<{ method: 'copy' | 'insert'; encode(run: BulkRun): PreparedRuns['rows'][number] | null }> {
    const method = await this.bulkMethod();
    return {
      method,
      encode: (run) => {
        const packed = this.texts.packCached(run.estimate);
        return packed === undefined ? null : { sourceRow: run.sourceRow, encoded: encodeRun(run, packed, method) };
      },
    };
  }

  /**
   * Writes the prepared runs of the input rows in `only` (the rows the caller's transaction `m` claimed)
   * in one statement of that transaction, and returns how many.
   */
  async write(
    m: EntityManager,
    tenant: string,
    jobId: string,
    prepared: PreparedRuns,
    only: ReadonlySet<number>,
  ): Promise<number> {
    const rows = prepared.rows.filter((r) => only.has(r.sourceRow));
    if (rows.length === 0) return 0;
    if (prepared.method === 'copy') {
      const prefix = `${cell(tenant)}\t${jobId}\t`;
      const client = (await m.queryRunner!.connect()) as PoolClient;
      const stream = client.query(copyFrom(`COPY runs (${COLUMNS}) FROM STDIN`));
      // About 1 MB per write: the chunk's text is in memory already (a chunk is at most JOBS_CHUNK_SIZE rows).
      let buf = '';
      for (const r of rows) {
        buf += prefix + r.encoded;
        if (buf.length > 1 << 20) {
          stream.write(buf);
          buf = '';
        }
      }
      stream.end(buf);
      await finished(stream);
      return rows.length;
    }
    // The embedded engine cannot COPY: one INSERT of the rows, each a JSON array of the columns after (tenant, job_id).
    await m.query(
      `INSERT INTO runs (${COLUMNS})
       SELECT $1, $2, (r->>0)::int, r->>1, r->>2, r->>3, r->>4, ARRAY(SELECT jsonb_array_elements_text(r->5)), (r->>6)::timestamptz,
         (r->>7)::timestamptz, (r->>8)::jsonb, (r->>9)::json, r->>10, r->>11, r->>12, r->>13, r->>14, (r->>15)::float8,
         (r->>16)::float8, (r->>17)::float8, (r->>18)::float8, (r->>19)::float8, (r->>20)::float8, (r->>21)::jsonb, r->>22
       FROM jsonb_array_elements($3::jsonb) AS r`,
      [tenant, jobId, `[${rows.map((r) => r.encoded).join(',')}]`],
    );
    return rows.length;
  }

  private bulkMethod(): Promise<'copy' | 'insert'> {
    const configured = this.config.JOBS_BULK_LOAD;
    if (configured !== 'auto') return Promise.resolve(configured);
    this.method ??= this.ds
      .query(`SELECT version() AS v`)
      .then((rows: { v: string }[]) => (/pglite|emscripten/i.test(rows[0]?.v ?? '') ? 'insert' : 'copy'));
    return this.method;
  }
}
