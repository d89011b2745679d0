import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { QueryRunner } from 'typeorm';
import type { StagedRow } from './staged-row';

/** Writes a job's staged rows, numbered from 1 in input order, into job_rows. */
export interface RowWriter {
  write(rows: StagedRow[], firstRowNumber: number): Promise<void>;
  /** All rows are written (and, for COPY, committed by the server). */
  finish(): Promise<void>;
  /** Gives up: nothing more is written (rows already written are deleted with the job). */
  abort(err: Error): Promise<void>;
}

/** COPY text format: backslash, tab, newline and carriage return are escaped; \N is NULL. */
function copyText(v: string | null): string {
  if (v === null) return '\\N';
  return /[\\\t\n\r]/.test(v)
    ? v.replace(/[\\\t\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r'))
    : v;
}

/**
 * One `COPY job_rows FROM STDIN` for the whole body (PostgreSQL server only: over pglite-socket COPY
 * breaks the protocol, see STACK.md). Rows stream through with backpressure: the parser waits when
 * the socket is full, so memory stays flat whatever the body size. COPY is one statement: if it
 * fails or is aborted, none of its rows exist.
 */
export class CopyRowWriter implements RowWriter {
  private readonly stream;
  private failed: Error | null = null;

  constructor(
    client: PoolClient,
    private readonly jobId: string,
  ) {
    this.stream = client.query(
      copyFrom('COPY job_rows (job_id, row_number, payload, error_code, error_message, external_id) FROM STDIN'),
    );
    this.stream.on('error', (err: Error) => (this.failed ??= err));
  }

  async write(rows: StagedRow[], first: number): Promise<void> {
    if (this.failed) throw this.failed;
    let text = '';
    for (let i = 0; i < rows.length; i++) {
      const r = rows[i];
      text += `${this.jobId}\t${first + i}\t${copyText(r.payload)}\t${copyText(r.errorCode)}\t${copyText(r.errorMessage)}\t${copyText(r.externalId ?? null)}\n`;
    }
    if (!this.stream.write(text)) {
      // the listener of whichever event did not happen is removed (abort): one left per drain piled up on a 1M-row body
      // (MaxListenersExceededWarning on the COPY stream)
      const settled = new AbortController();
      try {
        await Promise.race([
          once(this.stream, 'drain', { signal: settled.signal }),
          once(this.stream, 'error', { signal: settled.signal }).then(([e]) => Promise.reject(e as Error)),
        ]);
      } finally {
        settled.abort();
      }
    }
  }

  async finish(): Promise<void> {
    if (this.failed) throw this.failed;
    this.stream.end();
    await finished(this.stream);
  }

  async abort(err: Error): Promise<void> {
    if (this.stream.destroyed) return;
    this.stream.destroy(err); // sends CopyFail: the server discards the COPY
    await finished(this.stream).catch(() => undefined);
  }
}

/**
 * Multi-row INSERTs of up to `batchRows` rows (any engine; the embedded one cannot COPY), each its
 * own short statement so the single-session embedded engine serves other requests in between.
 */
export class InsertRowWriter implements RowWriter {
  private buffer: StagedRow[] = [];
  private bufferFirst = 1;

  constructor(
    private readonly qr: QueryRunner,
    private readonly jobId: string,
    private readonly batchRows = 1000,
  ) {}

  async write(rows: StagedRow[], first: number): Promise<void> {
    if (this.buffer.length === 0) this.bufferFirst = first;
    for (const r of rows) this.buffer.push(r);
    while (this.buffer.length >= this.batchRows) {
      const batch = this.buffer.splice(0, this.batchRows);
      await this.flush(batch, this.bufferFirst);
      this.bufferFirst += batch.length;
    }
  }

  private async flush(rows: StagedRow[], first: number): Promise<void> {
    if (rows.length === 0) return;
    const numbers = rows.map((_, i) => first + i);
    await this.qr.query(
      `INSERT INTO job_rows (job_id, row_number, payload, error_code, error_message, external_id)
       SELECT $1, t.n, t.p::jsonb, t.c, t.m, t.x FROM unnest($2::int[], $3::text[], $4::text[], $5::text[], $6::text[]) AS t(n, p, c, m, x)`,
      [
        this.jobId,
        numbers,
        rows.map((r) => r.payload),
        rows.map((r) => r.errorCode),
        rows.map((r) => r.errorMessage),
        rows.map((r) => r.externalId ?? null),
      ],
    );
  }

  async finish(): Promise<void> {
    const batch = this.buffer;
    this.buffer = [];
    await this.flush(batch, this.bufferFirst);
  }

  async abort(): Promise<void> {
    this.buffer = [];
  }
}

/** Reads nothing into the database: a retry with a known Idempotency-Key is only parsed (and hashed). */
export class DiscardRowWriter implements RowWriter {
  write(): Promise<void> {
    return Promise.resolve();
  }
  finish(): Promise<void> {
    return Promise.resolve();
  }
  abort(): Promise<void> {
    return Promise.resolve();
  }
}
