import { scanJsonText } from '../../common/http/json-guard';
import { JobRowErrorCode } from '../jobs.errors';

/** One input row as staged in job_rows: a RunCreate as JSON text, or why it could not be read. */
export interface StagedRow {
  payload: string | null;
  errorCode: string | null;
  errorMessage: string | null;
  /** The row's own id (`externalId`, valid), kept apart from the RunCreate; null when the row has none. */
  externalId?: string | null;
}

/** Longest `externalId` of a job row (a caller's key: a UUID, a path, a line reference). */
export const MAX_EXTERNAL_ID_LENGTH = 200;

/** What a valid `externalId` is (the VALIDATION_FAILED message of a row with another value). */
export const EXTERNAL_ID_RULE = `externalId must be a string of 1 to ${MAX_EXTERNAL_ID_LENGTH} characters`;

function validExternalId(v: unknown): v is string {
  return typeof v === 'string' && v.length >= 1 && v.length <= MAX_EXTERNAL_ID_LENGTH;
}

/** The largest single row (a JSON element, an NDJSON line, a CSV record) the intake reads. */
export const MAX_ROW_BYTES = 1024 * 1024;

/** A streaming parser: raw body bytes in, batches of rows out (in input order). */
export type RowParser = (source: AsyncIterable<Buffer>) => AsyncGenerator<StagedRow[], void, undefined>;

export function rowError(code: string, message: string): StagedRow {
  return { payload: null, errorCode: code, errorMessage: message };
}

/** A parsed value as a staged row: it must be an object (a RunCreate); jsonb cannot hold \u0000. */
export function stageValue(value: unknown): StagedRow {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return rowError(
      JobRowErrorCode.MALFORMED_ROW,
      `a row must be a JSON object (a RunCreate), got ${value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value}`,
    );
  }
  // A valid externalId is staged in its own column and the payload stays a RunCreate; an invalid one
  // stays in the payload, where the worker answers it VALIDATION_FAILED (path externalId, EXTERNAL_ID_RULE).
  let externalId: string | null = null;
  let run = value as Record<string, unknown>;
  if ('externalId' in run && (run.externalId == null || validExternalId(run.externalId))) {
    const { externalId: id, ...rest } = run;
    externalId = (id as string | null) ?? null;
    run = rest;
  }
  const text = JSON.stringify(run);
  if (text.includes('\\u0000') || externalId?.includes('\u0000'))
    return rowError(JobRowErrorCode.MALFORMED_ROW, 'the row contains a NUL character (\\u0000), which cannot be stored');
  return { payload: text, errorCode: null, errorMessage: null, externalId };
}

/** Parses one row's JSON text; a syntax error stays with that row. */
export function stageJsonText(text: string): StagedRow {
  const problem = scanJsonText(text);
  if (problem) return rowError(JobRowErrorCode.MALFORMED_ROW, `the row cannot be stored: ${problem.message}`);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    return rowError(JobRowErrorCode.MALFORMED_ROW, `the row is not valid JSON: ${(err as Error).message}`);
  }
  return stageValue(value);
}

export function tooLarge(): StagedRow {
  return rowError(JobRowErrorCode.ROW_TOO_LARGE, `the row is larger than ${MAX_ROW_BYTES} bytes`);
}
