import { ApiPropertyOptional } from '@nestjs/swagger';
import { parse } from 'csv-parse/sync';
import { IsIn, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import type { Readable } from 'node:stream';
import { CommonError, CommonErrorCode, type ErrorDetail } from '../../common/errors/common.errors';
import { validationFailed } from '../../common/errors/validation-errors';
import type { Signal } from '../domain/grid-reference';
import type { SeriesPoint } from '../grid.repository';
import { ISO_DATE_TIME_MESSAGE, MAX_G_PER_KWH, parseIsoDateTime, SIGNALS } from './grid-validation';

/** Most points one import request may carry (the body must also fit BODY_LIMIT_BYTES). */
export const MAX_SERIES_POINTS = 100_000;
const MAX_DETAILS = 100;

/** Query string of `POST /v1/grid/zones/{code}/series` (the JSON object form may also carry them). */
export class SeriesImportArgs {
  @ApiPropertyOptional({ enum: SIGNALS, default: 'average' })
  @IsOptional()
  @IsIn(SIGNALS)
  signal?: Signal;

  @ApiPropertyOptional({
    example: 'Electricity Maps hourly export',
    description: 'Where the points come from (default: "admin import").',
  })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  source?: string;
}

export interface ParsedSeries {
  /** unique by `at` (the last of duplicates wins), ascending */
  points: SeriesPoint[];
  received: number;
  duplicates: number;
  signal?: Signal;
  source?: string;
}

function finish(raw: SeriesPoint[], errors: ErrorDetail[], extra: { signal?: Signal; source?: string } = {}): ParsedSeries {
  if (errors.length) {
    const shown = errors.slice(0, MAX_DETAILS);
    const more = errors.length > MAX_DETAILS ? ` (first ${MAX_DETAILS} of ${errors.length} shown)` : '';
    throw validationFailed(shown, `The series has ${errors.length} invalid value(s)${more}.`);
  }
  if (raw.length === 0) throw validationFailed([{ path: 'points', message: 'points must contain at least 1 point' }]);
  if (raw.length > MAX_SERIES_POINTS) {
    throw validationFailed([{ path: 'points', message: `points must contain at most ${MAX_SERIES_POINTS} points per request` }]);
  }
  const byAt = new Map<number, SeriesPoint>();
  for (const p of raw) byAt.set(p.at, p);
  const points = [...byAt.values()].sort((a, b) => a.at - b.at);
  return { points, received: raw.length, duplicates: raw.length - points.length, ...extra };
}

function checkPoint(
  at: unknown,
  g: unknown,
  path: string,
  errors: ErrorDetail[],
  where: Record<string, unknown> = {},
): SeriesPoint | null {
  const date = parseIsoDateTime(at);
  let ok = true;
  if (!date) {
    errors.push({ path: `${path}.at`, message: `${path}.at ${ISO_DATE_TIME_MESSAGE} (years 1990-2100)`, ...where });
    ok = false;
  }
  if (typeof g !== 'number' || !Number.isFinite(g) || g < 0 || g > MAX_G_PER_KWH) {
    errors.push({
      path: `${path}.gPerKwh`,
      message: `${path}.gPerKwh must be a number from 0 to ${MAX_G_PER_KWH} (gCO2e/kWh)`,
      ...where,
    });
    ok = false;
  }
  return ok ? { at: date!.getTime(), gPerKwh: g as number } : null;
}

/** A JSON body: `[{ at, gPerKwh }, ...]` or `{ points: [...], signal?, source? }`. */
export function parseSeriesJson(body: unknown): ParsedSeries {
  const errors: ErrorDetail[] = [];
  let list: unknown;
  const extra: { signal?: Signal; source?: string } = {};
  if (Array.isArray(body)) list = body;
  else if (body && typeof body === 'object') {
    const o = body as Record<string, unknown>;
    for (const k of Object.keys(o))
      if (!['points', 'signal', 'source'].includes(k)) errors.push({ path: k, message: `unknown field '${k}'` });
    if (o.signal !== undefined) {
      if (typeof o.signal === 'string' && (SIGNALS as readonly string[]).includes(o.signal)) extra.signal = o.signal as Signal;
      else errors.push({ path: 'signal', message: `signal must be one of: ${SIGNALS.join(', ')}` });
    }
    if (o.source !== undefined) {
      if (typeof o.source === 'string' && o.source.length >= 1 && o.source.length <= 500) extra.source = o.source;
      else errors.push({ path: 'source', message: 'source must be a string of 1 to 500 characters' });
    }
    list = o.points;
    if (!Array.isArray(list)) {
      errors.push({ path: 'points', message: 'points must be an array of { at, gPerKwh }' });
      list = [];
    }
  } else {
    throw validationFailed([
      { path: 'body', message: 'the body must be a JSON array of { at, gPerKwh } or { points: [...] }, or text/csv' },
    ]);
  }
  const arr = list as unknown[];
  if (arr.length > MAX_SERIES_POINTS) return finish(arr as SeriesPoint[], errors); // reports the size error without checking each
  const raw: SeriesPoint[] = [];
  arr.forEach((item, i) => {
    const path = `points.${i}`; // same paths for the array and the object form
    if (!item || typeof item !== 'object' || Array.isArray(item)) {
      errors.push({ path, message: `${path} must be an object { at, gPerKwh }` });
      return;
    }
    const p = item as Record<string, unknown>;
    for (const k of Object.keys(p))
      if (k !== 'at' && k !== 'gPerKwh') errors.push({ path: `${path}.${k}`, message: `unknown field '${path}.${k}'` });
    const point = checkPoint(p.at, p.gPerKwh, path, errors);
    if (point) raw.push(point);
  });
  return finish(raw, errors, extra);
}

/** A text/csv body with a header row naming the columns `at` and `gPerKwh` (others ignored). */
export function parseSeriesCsv(text: string): ParsedSeries {
  let rows: string[][];
  try {
    rows = parse(text, { skip_empty_lines: true, trim: true, bom: true, relax_column_count: false }) as string[][];
  } catch (err) {
    const e = err as { message?: string; lines?: number };
    throw validationFailed([
      { path: 'body', message: `malformed CSV: ${e.message ?? 'parse error'}`, ...(e.lines ? { line: e.lines } : {}) },
    ]);
  }
  if (rows.length === 0)
    throw validationFailed([{ path: 'body', message: 'the CSV is empty: expected a header row "at,gPerKwh" and points' }]);
  const header = rows[0].map((h) => h.toLowerCase().replace(/[^a-z]/g, ''));
  const atCol = header.indexOf('at');
  const gCol = header.indexOf('gperkwh');
  if (atCol === -1 || gCol === -1) {
    throw validationFailed([
      { path: 'body', message: `the CSV header must name the columns at and gPerKwh (got: ${rows[0].join(', ')})`, line: 1 },
    ]);
  }
  if (rows.length - 1 > MAX_SERIES_POINTS) return finish(new Array(rows.length - 1) as SeriesPoint[], []);
  const errors: ErrorDetail[] = [];
  const raw: SeriesPoint[] = [];
  for (let i = 1; i < rows.length; i++) {
    const cell = rows[i][gCol];
    const g = cell === undefined || cell === '' ? NaN : Number(cell);
    const point = checkPoint(rows[i][atCol], g, `points.${i - 1}`, errors, { line: i + 1 });
    if (point) raw.push(point);
  }
  return finish(raw, errors);
}

/** Reads a body the text/csv parser left as a stream (or a string/Buffer), enforcing the body limit. */
export async function readTextBody(body: unknown, limitBytes: number): Promise<string> {
  if (typeof body === 'string') return body;
  if (Buffer.isBuffer(body)) return body.toString('utf8');
  if (body && typeof (body as Readable).on === 'function') {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of body as Readable) {
      const b = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
      size += b.length;
      if (size > limitBytes)
        throw new CommonError(CommonErrorCode.PAYLOAD_TOO_LARGE, 'The request body is larger than the configured limit.');
      chunks.push(b);
    }
    return Buffer.concat(chunks).toString('utf8');
  }
  throw validationFailed([{ path: 'body', message: 'the body must be text/csv' }]);
}
