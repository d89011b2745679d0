import { CodedError } from '../common/errors/coded-error';
import { assertUnreachable } from '../common/errors/common.errors';

/** Error codes of bulk jobs (documented in docs/errors.md, "Jobs"). */
export enum JobsErrorCode {
  JOB_NOT_FOUND = 'JOB_NOT_FOUND',
  /** The body holds more rows than JOBS_MAX_ROWS. */
  JOB_TOO_MANY_ROWS = 'JOB_TOO_MANY_ROWS',
  /** The body holds no rows at all. */
  JOB_EMPTY = 'JOB_EMPTY',
  /** A text/csv body that cannot be read as CSV (e.g. an unterminated quote); rows cannot be told apart. */
  MALFORMED_CSV = 'MALFORMED_CSV',
  /** The CSV header row names an unknown or duplicated column, or no columns. */
  CSV_HEADER_INVALID = 'CSV_HEADER_INVALID',
  /** The Idempotency-Key was used by an earlier job of the tenant with different rows (same code as runs). */
  IDEMPOTENCY_KEY_REUSED = 'IDEMPOTENCY_KEY_REUSED',
  /** Cancel of a job that already finished (succeeded, partial or failed): there is nothing left to stop. */
  JOB_ALREADY_FINISHED = 'JOB_ALREADY_FINISHED',
}

/**
 * Per-row codes stored in job_errors (never thrown): a row the intake could isolate but not read.
 * Rows that parse but fail validation or estimation keep the code the single-run API would answer
 * (VALIDATION_FAILED, HARDWARE_NOT_FOUND, ...).
 */
export enum JobRowErrorCode {
  MALFORMED_ROW = 'MALFORMED_ROW',
  ROW_TOO_LARGE = 'ROW_TOO_LARGE',
  /** The row's externalId is held by an earlier row of the same job (the first occurrence keeps it). */
  DUPLICATE_EXTERNAL_ID = 'DUPLICATE_EXTERNAL_ID',
}

export class JobsError extends CodedError<JobsErrorCode> {
  get status(): number {
    return jobsErrorStatus(this.code);
  }
}

export function jobsErrorStatus(code: JobsErrorCode): number {
  switch (code) {
    case JobsErrorCode.JOB_NOT_FOUND:
      return 404;
    case JobsErrorCode.JOB_TOO_MANY_ROWS:
      return 413;
    case JobsErrorCode.JOB_EMPTY:
    case JobsErrorCode.MALFORMED_CSV:
    case JobsErrorCode.CSV_HEADER_INVALID:
      return 400;
    case JobsErrorCode.IDEMPOTENCY_KEY_REUSED:
    case JobsErrorCode.JOB_ALREADY_FINISHED:
      return 409;
    default:
      return assertUnreachable(code);
  }
}

export function jobNotFound(id: string): JobsError {
  return new JobsError(JobsErrorCode.JOB_NOT_FOUND, `No job ${id}.`);
}

export function idempotencyKeyReused(key: string, jobId: string): JobsError {
  return new JobsError(
    JobsErrorCode.IDEMPOTENCY_KEY_REUSED,
    'This Idempotency-Key was used with a different job body; use a new key for a new job.',
    [{ idempotencyKey: key, jobId }],
  );
}
