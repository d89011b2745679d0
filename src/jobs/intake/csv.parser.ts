import { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import { JobRowErrorCode, JobsError, JobsErrorCode } from '../jobs.errors';
import { isCodeCarbonColumns } from '../../runs/codecarbon';
import { codecarbonRowMapper } from './codecarbon';
import { MAX_ROW_BYTES, rowError, type StagedRow, stageValue } from './staged-row';

type CellType = 'string' | 'number' | 'boolean' | 'tags';

export interface CsvColumn {
  /** The documented header name (camelCase, as in the JSON body). */
  name: string;
  /** Where the value goes in the RunCreate. */
  path: string[];
  type: CellType;
}

const col = (name: string, path: string[], type: CellType = 'string'): CsvColumn => ({ name, path, type });
const req = (name: string, path: string[], type: CellType = 'number') => col(name, ['request', ...path], type);

/**
 * The text/csv columns (header row required, case-insensitive; `.`, `_`, `-` and spaces are ignored,
 * so `hardware.count`, `request.hardware.count` and `count` name the same column). Empty cells are
 * absent fields. Documented in README.md ("Jobs").
 */
export const CSV_COLUMNS: CsvColumn[] = [
  col('externalId', ['externalId']),
  col('name', ['name']),
  col('project', ['project']),
  col('team', ['team']),
  col('model', ['model']),
  col('tags', ['tags'], 'tags'),
  col('startedAt', ['startedAt']),
  col('endedAt', ['endedAt']),
  req('workload', ['workload'], 'string'),
  req('hardware', ['hardware', 'ref'], 'string'),
  req('count', ['hardware', 'count']),
  req('utilization', ['hardware', 'utilization']),
  req('powerW', ['hardware', 'powerW']),
  req('idleW', ['hardware', 'idleW']),
  req('hostFactor', ['hardware', 'hostFactor']),
  req('hours', ['hours']),
  req('acceleratorHours', ['acceleratorHours']),
  req('energyKwh', ['energyKwh']),
  req('flops', ['compute', 'flops']),
  req('parameters', ['compute', 'parameters']),
  req('tokens', ['compute', 'tokens']),
  req('activeParameters', ['compute', 'activeParameters']),
  req('mfu', ['compute', 'mfu']),
  req('precision', ['compute', 'precision'], 'string'),
  req('zone', ['location', 'zone'], 'string'),
  req('provider', ['location', 'provider'], 'string'),
  req('region', ['location', 'region'], 'string'),
  req('gPerKwh', ['location', 'gPerKwh']),
  req('year', ['location', 'year']),
  req('signal', ['location', 'signal'], 'string'),
  req('pue', ['pue']),
  req('wueLPerKwh', ['wueLPerKwh']),
  req('boundary', ['boundary'], 'string'),
  req('includeEmbodied', ['includeEmbodied'], 'boolean'),
  req('embodiedLifetimeYears', ['embodiedLifetimeYears']),
  // serving (workload inference): a catalog model reference (an architecture needs the JSON forms)
  req('servingModel', ['serving', 'model'], 'string'),
  req('inputTokens', ['serving', 'inputTokens']),
  req('outputTokens', ['serving', 'outputTokens']),
  req('requests', ['serving', 'requests']),
  req('requestsPerSecond', ['serving', 'requestsPerSecond']),
  req('servingHours', ['serving', 'hours']),
  req('replicas', ['serving', 'replicas']),
  req('batchSize', ['serving', 'batchSize']),
  req('concurrency', ['serving', 'concurrency']),
  req('weightPrecision', ['serving', 'weightPrecision'], 'string'),
  req('kvPrecision', ['serving', 'kvPrecision'], 'string'),
  req('servingEfficiency', ['serving', 'efficiency']),
];

const normalize = (h: string) => h.toLowerCase().replace(/[\s._-]/g, '');

const ALIASES = new Map<string, CsvColumn>();
for (const c of CSV_COLUMNS) {
  for (const alias of [c.name, c.path.join('.'), c.path.slice(1).join('.')]) if (alias) ALIASES.set(normalize(alias), c);
}
ALIASES.set(
  'hardwareref',
  CSV_COLUMNS.find((c) => c.name === 'hardware')!,
);
ALIASES.set(
  'requesthardwareref',
  CSV_COLUMNS.find((c) => c.name === 'hardware')!,
);

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

function cellValue(raw: string, type: CellType): unknown {
  switch (type) {
    case 'string':
      return raw;
    case 'number':
      // Not a number: kept as text, so validation names the field ("request.hours must be a number").
      return NUMBER.test(raw) ? Number(raw) : raw;
    case 'boolean': {
      const v = raw.toLowerCase();
      return ['true', '1', 'yes'].includes(v) ? true : ['false', '0', 'no'].includes(v) ? false : raw;
    }
    case 'tags':
      return raw
        .split(';')
        .map((t) => t.trim())
        .filter(Boolean);
  }
}

/** Maps the header row to columns; an unknown, duplicated or empty name is 400 CSV_HEADER_INVALID. */
export function mapHeader(header: string[]): CsvColumn[] {
  const problems: { column: number; name: string; message: string }[] = [];
  const seen = new Set<CsvColumn>();
  const columns = header.map((h, i) => {
    const c = ALIASES.get(normalize(h));
    if (!c) problems.push({ column: i + 1, name: h, message: h.trim() === '' ? 'empty column name' : `unknown column '${h}'` });
    else if (seen.has(c)) problems.push({ column: i + 1, name: h, message: `column '${c.name}' is given twice` });
    else seen.add(c);
    return c as CsvColumn;
  });
  if (problems.length) {
    throw new JobsError(
      JobsErrorCode.CSV_HEADER_INVALID,
      `The CSV header row is invalid; known columns: ${CSV_COLUMNS.map((c) => c.name).join(', ')}.`,
      problems,
    );
  }
  return columns;
}

/** One CSV record (cells in header order) as a staged RunCreate. */
export function recordToRow(cells: string[], columns: CsvColumn[]): StagedRow {
  if (cells.length !== columns.length) {
    return rowError(JobRowErrorCode.MALFORMED_ROW, `the record has ${cells.length} fields; the header has ${columns.length}`);
  }
  const row: Record<string, unknown> = {};
  for (let i = 0; i < cells.length; i++) {
    const raw = cells[i];
    if (raw === '') continue;
    const c = columns[i];
    let target = row;
    for (let k = 0; k < c.path.length - 1; k++) target = (target[c.path[k]] ??= {}) as Record<string, unknown>;
    target[c.path[c.path.length - 1]] = cellValue(raw, c.type);
  }
  return stageValue(row);
}

/**
 * text/csv with a header row (see CSV_COLUMNS), read with csv-parse's stream API. A record with the
 * wrong number of fields is an error for that row; a body csv-parse cannot read (an unterminated
 * quote swallows the rest of the file, so rows cannot be told apart) is 400 MALFORMED_CSV.
 */
export async function* parseCsv(source: AsyncIterable<Buffer>): AsyncGenerator<StagedRow[], void, undefined> {
  const parser = parse({
    bom: true,
    skip_empty_lines: true,
    relax_column_count: true,
    trim: true,
    max_record_size: MAX_ROW_BYTES,
  });
  const input = Readable.from(source, { objectMode: false });
  let sourceError: unknown = null;
  input.on('error', (err) => {
    sourceError = err;
    parser.destroy(err);
  });
  input.pipe(parser);
  let toRow: ((cells: string[]) => StagedRow) | null = null;
  let batch: StagedRow[] = [];
  try {
    for await (const record of parser as AsyncIterable<string[]>) {
      if (!toRow) {
        // CodeCarbon's emissions.csv is recognised by its header; anything else uses the documented columns.
        if (isCodeCarbonColumns(record)) toRow = codecarbonRowMapper(record);
        else {
          const columns = mapHeader(record);
          toRow = (cells) => recordToRow(cells, columns);
        }
        continue;
      }
      batch.push(toRow(record));
      if (batch.length >= 1000) {
        yield batch;
        batch = [];
      }
    }
  } catch (err) {
    if (sourceError) throw sourceError;
    if (err instanceof JobsError) throw err;
    const e = err as { code?: string; message?: string; lines?: number };
    if (typeof e.code === 'string' && e.code.startsWith('CSV_')) {
      throw new JobsError(JobsErrorCode.MALFORMED_CSV, `The body is not readable as CSV: ${e.message}`, [
        { line: e.lines ?? null, code: e.code },
      ]);
    }
    throw err;
  } finally {
    input.destroy();
  }
  if (sourceError) throw sourceError;
  if (batch.length) yield batch;
}
