import { scanJsonText } from '../../common/http/json-guard';
import { JobRowErrorCode } from '../jobs.errors';

/** One input row as staged in job_rows: a RunCreate as JSON text, or why it could not be read. */
export interface StagedRow {
  payload: string | null;
  errorCode: string | null;
  errorMessage: string | null;
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
  const text = JSON.stringify(value);
  if (text.includes('\\u0000'))
    return rowError(JobRowErrorCode.MALFORMED_ROW, 'the row contains a NUL character (\\u0000), which cannot be stored');
  return { payload: text, errorCode: null, errorMessage: null };
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
