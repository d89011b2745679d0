import { ApiPropertyOptional } from '@nestjs/swagger';
import { parse as parseStream } from 'csv-parse';
import { parse } from 'csv-parse/sync';
import { IsIn, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
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

  @ApiPropertyOptional({
    enum: ['json', 'csv', 'datetime', 'electricitymaps'],
    description:
      "The body's form (default: JSON for application/json; for text/csv, told apart by the header row): `json`, " +
      "`csv` (at,gPerKwh), `datetime` (datetime,gPerKwh; no time zone = UTC) or `electricitymaps` (Electricity Maps' hourly export of the zone).",
  })
  @IsOptional()
  @IsIn(['json', 'csv', 'datetime', 'electricitymaps'])
  format?: SeriesFormat;

  @ApiPropertyOptional({
    enum: ['lifecycle', 'direct'],
    default: 'lifecycle',
    description: "Which column of an Electricity Maps export to read (life cycle, the API's default, or direct emissions).",
  })
  @IsOptional()
  @IsIn(['lifecycle', 'direct'])
  emissionFactorType?: EmissionFactorType;
}

export interface ParsedSeries {
  /** unique by `at` (the last of duplicates wins), ascending */
  points: SeriesPoint[];
  received: number;
  duplicates: number;
  signal?: Signal;
  source?: string;
  /** the source when neither the body nor the query names one (an Electricity Maps export names its own) */
  defaultSource?: string;
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

/**
 * The CSV forms an import takes, told apart by the header row (or named with `format`):
 * - `csv`: the service's own, columns `at,gPerKwh` (ISO 8601 with a time zone; other columns ignored);
 * - `datetime`: a plain `datetime,gPerKwh` (ISO 8601; without a time zone the time is UTC);
 * - `electricitymaps`: Electricity Maps' hourly export of a zone (https://www.electricitymaps.com/data-portal,
 *   one file per zone and year): `Datetime (UTC),Country,Zone name,Zone id,Carbon intensity gCO₂eq/kWh (direct),
 *   Carbon intensity gCO₂eq/kWh (Life cycle),...` (earlier exports: `Zone Id`, `(LCA)`). The life-cycle column is
 *   read unless `emissionFactorType=direct`; the zone id must be the zone imported into.
 */
export const CSV_FORMATS = ['csv', 'datetime', 'electricitymaps'] as const;
export type CsvFormat = (typeof CSV_FORMATS)[number];
export const SERIES_FORMATS = ['json', ...CSV_FORMATS] as const;
export type SeriesFormat = (typeof SERIES_FORMATS)[number];
export const EMISSION_FACTOR_TYPES = ['lifecycle', 'direct'] as const;
export type EmissionFactorType = (typeof EMISSION_FACTOR_TYPES)[number];

const HEADERS: Record<CsvFormat, string> = {
  csv: 'at,gPerKwh',
  datetime: 'datetime,gPerKwh',
  electricitymaps: 'Datetime (UTC),...,Zone id,Carbon intensity gCO₂eq/kWh (direct),Carbon intensity gCO₂eq/kWh (Life cycle),...',
};

/** A UTC time without a zone ("2024-01-01 00:00:00", as Electricity Maps' exports write it) or ISO 8601 with one. */
const NAIVE_DATE_TIME = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?)$/;
function parseUtcDateTime(v: string): Date | null {
  const m = NAIVE_DATE_TIME.exec(v);
  return parseIsoDateTime(m ? `${m[1]}T${m[2]}Z` : v);
}

const norm = (h: string) =>
  h
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');

export interface CsvOptions {
  /** null: told apart by the header row */
  format?: CsvFormat | null;
  /** the zone imported into (an Electricity Maps export must be of this zone) */
  zone?: string;
  emissionFactorType?: EmissionFactorType;
}

/** Reads a CSV series row by row (so a stream never has to be held whole), then `finish()` checks and sorts it. */
export class CsvSeriesReader {
  format: CsvFormat | null = null;
  private cols: { at: number; g: number; zone: number } | null = null;
  private readonly errors: ErrorDetail[] = [];
  private readonly raw: SeriesPoint[] = [];
  private rows = 0;

  constructor(private readonly opts: CsvOptions = {}) {}

  header(row: string[]): void {
    const h = row.map(norm);
    const find = (...names: string[]) => h.findIndex((c) => names.includes(c));
    const ci = (suffixes: string[]) => h.findIndex((c) => c.startsWith('carbonintensity') && suffixes.some((x) => c.endsWith(x)));
    const want = this.opts.format ?? null;
    const candidates: CsvFormat[] = want ? [want] : ['csv', 'electricitymaps', 'datetime'];
    for (const f of candidates) {
      if (f === 'csv' && find('at') !== -1 && find('gperkwh') !== -1)
        this.cols = { at: find('at'), g: find('gperkwh'), zone: -1 };
      if (f === 'datetime' && find('datetime') !== -1 && find('gperkwh') !== -1)
        this.cols = { at: find('datetime'), g: find('gperkwh'), zone: -1 };
      if (f === 'electricitymaps' && find('datetimeutc') !== -1) {
        const g = this.opts.emissionFactorType === 'direct' ? ci(['direct']) : ci(['lifecycle', 'lca']);
        if (g !== -1) this.cols = { at: find('datetimeutc'), g, zone: find('zoneid') };
      }
      if (this.cols) {
        this.format = f;
        return;
      }
    }
    const expected = candidates.map((f) => `"${HEADERS[f]}"`).join(', or ');
    throw validationFailed([{ path: 'body', message: `the CSV header must be ${expected} (got: ${row.join(', ')})`, line: 1 }]);
  }

  /** One data row (`line`: its line in the file, for the error details). */
  row(row: string[], line: number): void {
    const i = this.rows++;
    if (this.rows > MAX_SERIES_POINTS) {
      throw validationFailed([
        { path: 'points', message: `points must contain at most ${MAX_SERIES_POINTS} points per request` },
      ]);
    }
    const cols = this.cols!;
    const path = `points.${i}`;
    const cell = row[cols.g];
    const g = cell === undefined || cell === '' ? NaN : Number(cell);
    if (this.format === 'csv') {
      const point = checkPoint(row[cols.at], g, path, this.errors, { line });
      if (point) this.raw.push(point);
      return;
    }
    const at = parseUtcDateTime(row[cols.at] ?? '');
    const before = this.errors.length;
    if (!at) {
      this.errors.push({
        path: `${path}.at`,
        message: `${path}.at must be a date-time, e.g. 2024-06-01 12:00:00 (UTC) or 2024-06-01T12:00:00+02:00 (years 1990-2100)`,
        line,
      });
    }
    if (!(Number.isFinite(g) && g >= 0 && g <= MAX_G_PER_KWH)) {
      this.errors.push({
        path: `${path}.gPerKwh`,
        message: `${path}.gPerKwh must be a number from 0 to ${MAX_G_PER_KWH} (gCO2e/kWh)`,
        line,
      });
    }
    if (cols.zone !== -1 && this.opts.zone && (row[cols.zone] ?? '').toUpperCase() !== this.opts.zone.toUpperCase()) {
      this.errors.push({
        path: `${path}.zone`,
        message: `${path}.zone is ${row[cols.zone] || 'empty'}: this file is not of zone ${this.opts.zone}`,
        line,
      });
    }
    if (this.errors.length === before) this.raw.push({ at: at!.getTime(), gPerKwh: g });
  }

  finish(): ParsedSeries & { format: CsvFormat } {
    if (!this.format) throw validationFailed([{ path: 'body', message: 'the CSV is empty: expected a header row and points' }]);
    const defaultSource =
      this.format === 'electricitymaps'
        ? `Electricity Maps hourly export (${this.opts.emissionFactorType === 'direct' ? 'direct' : 'life cycle'})`
        : undefined;
    return { ...finish(this.raw, this.errors), format: this.format, ...(defaultSource ? { defaultSource } : {}) };
  }
}

const CSV_PARSE_OPTIONS = { skip_empty_lines: true, trim: true, bom: true, relax_column_count: false } as const;

function csvError(err: unknown): never {
  if (err instanceof CommonError) throw err;
  const e = err as { message?: string; lines?: number; code?: string };
  if (!e || typeof e.code !== 'string' || !e.code.startsWith('CSV_')) throw err as Error;
  throw validationFailed([
    { path: 'body', message: `malformed CSV: ${e.message ?? 'parse error'}`, ...(e.lines ? { line: e.lines } : {}) },
  ]);
}

/** A CSV body held in memory (tests, GraphQL's `csv` argument). */
export function parseSeriesCsv(text: string, opts: CsvOptions = {}): ParsedSeries & { format: CsvFormat } {
  let rows: string[][];
  try {
    rows = parse(text, CSV_PARSE_OPTIONS) as string[][];
  } catch (err) {
    csvError(err);
  }
  const reader = new CsvSeriesReader(opts);
  rows.forEach((row, i) => (i === 0 ? reader.header(row) : reader.row(row, i + 1)));
  return reader.finish();
}

/**
 * A CSV body read as a stream (the text/csv parser leaves the request body unread): csv-parse consumes
 * it chunk by chunk and each record is checked as it arrives; more than `limitBytes` is 413.
 */
export async function readSeriesCsv(
  body: unknown,
  limitBytes: number,
  opts: CsvOptions = {},
): Promise<ParsedSeries & { format: CsvFormat }> {
  let source: Readable;
  if (typeof body === 'string' || Buffer.isBuffer(body)) source = Readable.from([Buffer.from(body)]);
  else if (body && typeof (body as Readable).on === 'function') source = body as Readable;
  else throw validationFailed([{ path: 'body', message: 'the body must be text/csv' }]);
  let size = 0;
  const limit = new Transform({
    transform(chunk: Buffer, _enc, done) {
      size += chunk.length;
      if (size > limitBytes)
        done(new CommonError(CommonErrorCode.PAYLOAD_TOO_LARGE, 'The request body is larger than the configured limit.'));
      else done(null, chunk);
    },
  });
  const parser = parseStream({ ...CSV_PARSE_OPTIONS, info: true });
  const piped = pipeline(source, limit, parser).catch(() => undefined); // its error surfaces in the loop below
  const reader = new CsvSeriesReader(opts);
  let line = 0;
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      line++;
      if (line === 1) reader.header(record);
      else reader.row(record, info.lines);
    }
  } catch (err) {
    parser.destroy();
    source.resume(); // let the rest of the body drain so the answer can be sent
    csvError(err);
  }
  await piped;
  return reader.finish();
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
