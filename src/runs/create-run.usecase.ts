import { Injectable } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { isISO8601, length, validateSync } from 'class-validator';
import { requestAccepted } from '../estimation';
import type { ErrorDetail } from '../common/errors/common.errors';
import { flattenValidationErrors, validationFailed } from '../common/errors/validation-errors';
import { codecarbonRecordOf, codecarbonRun } from './codecarbon';
import { RunInput } from './dto/run.input';
import { RunsError, RunsErrorCode } from './runs.errors';
import { type RunRecord, RunEstimator, RunWriter } from './runs.types';
import { assertIdempotencyKey, instant, requestHash } from './runs.util';

export interface CreateRunCommand {
  tenant: string;
  input: RunInput;
  idempotencyKey?: string | null;
}

export interface CreateRunResult {
  run: RunRecord;
  /** True when an earlier create with the same Idempotency-Key answered (no new run). */
  replayed: boolean;
}

/** Copies a validated input (class instances) to plain JSON: no prototypes, no undefined keys. */
function plain<T>(value: T): T {
  if (Array.isArray(value)) return value.map(plain) as T;
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = plain(v);
    return out as T;
  }
  return value;
}

const VALIDATION = { whitelist: true, forbidNonWhitelisted: true, validationError: { target: false, value: false } } as const;

/** A RunInput given as plain JSON (a job row, a mapped CodeCarbon record) checked as the global ValidationPipe checks a body. */
export function runInputErrors(value: Record<string, unknown>): ErrorDetail[] {
  if (plainlyValid(value)) return [];
  return flattenValidationErrors(validateSync(plainToInstance(RunInput, value), VALIDATION));
}

const LABELS = ['name', 'project', 'team', 'model'] as const;
const PLAIN_KEYS: ReadonlySet<string> = new Set([...LABELS, 'tags', 'startedAt', 'endedAt', 'request']);
const ISO = { strict: true, strictSeparator: true } as const;
const label = (v: unknown, max: number) => typeof v === 'string' && length(v, 1, max);
const time = (v: unknown) => v === undefined || (typeof v === 'string' && isISO8601(v, ISO));

/**
 * A job row's common case, checked without class instances: only RunInput's plain fields, each as its decorators
 * require (class-validator's own length and ISO 8601 checks), and a request the estimator accepts (schema and cross-field rules). It only
 * ever says yes when validateSync would find nothing (test/unit/run-input-fast-path.spec.ts checks that on
 * generated inputs); anything else, null labels included, goes to the full check, which words the errors.
 * validateSync building a RunInput tree per row was a fifth of a job's CPU (bench/jobs.bench.mjs profile).
 */
export function plainlyValid(v: Record<string, unknown>): boolean {
  for (const k of Object.keys(v)) if (!PLAIN_KEYS.has(k)) return false;
  for (const k of LABELS) if (v[k] !== undefined && !label(v[k], 200)) return false;
  const tags = v.tags;
  if (tags !== undefined && !(Array.isArray(tags) && tags.length <= 50 && tags.every((t) => label(t, 100)))) return false;
  return time(v.startedAt) && time(v.endedAt) && requestAccepted(v.request);
}

/** Where a mapped field came from in the CodeCarbon record, so an error names the column the user sent. */
const CODECARBON_PATHS: [RegExp, string][] = [
  [/^request\.energyKwh$/, 'codecarbon.energy_consumed'],
  [/^request\.location\.zone$/, 'codecarbon.country_iso_code'],
  [/^request\.location\.(provider|region)$/, 'codecarbon.cloud_provider/cloud_region'],
  [/^request\.hardware\.count$/, 'codecarbon.gpu_count'],
  [/^request\.hardware/, 'codecarbon.gpu_model'],
  [/^(startedAt|endedAt)$/, 'codecarbon.timestamp'],
  [/^reported\.co2eKg$/, 'codecarbon.emissions'],
  [/^reported\.energyKwh$/, 'codecarbon.energy_consumed'],
];

/**
 * `codecarbon` (one CodeCarbon emissions record) as the RunInput it describes, with the same mapping as a
 * CodeCarbon job row (src/runs/codecarbon.ts); labels and `reported` given beside it win. The result is validated
 * (errors name the CodeCarbon columns), so callers need not validate it again.
 */
export function fromCodeCarbon(input: RunInput): RunInput {
  const { codecarbon, ...given } = input;
  if (codecarbon === undefined) return input;
  if (given.request !== undefined) {
    throw validationFailed([{ path: 'codecarbon', message: 'give request or codecarbon, not both' }]);
  }
  const record = codecarbonRecordOf(codecarbon);
  if (!record('energy_consumed')) {
    throw validationFailed([
      { path: 'codecarbon.energy_consumed', message: 'energy_consumed (kWh, as CodeCarbon writes it) is required' },
    ]);
  }
  const merged: Record<string, unknown> = { ...codecarbonRun(record) };
  for (const [k, v] of Object.entries(given)) if (v !== undefined) merged[k] = v;
  const errors = runInputErrors(merged);
  if (errors.length) {
    throw validationFailed(
      errors.map((d) => {
        const path = d.path ?? '';
        const from = CODECARBON_PATHS.find(([re]) => re.test(path));
        const givenBeside = (given as Record<string, unknown>)[path.split('.')[0]] !== undefined;
        return from && !givenBeside ? { ...d, path: from[1] } : d;
      }),
    );
  }
  return merged as unknown as RunInput;
}

/**
 * The one multi-step flow of runs: resolve the reference data and estimate (in memory, via the
 * estimator), then persist the run with its request, estimate and data version in one INSERT.
 * With an Idempotency-Key, a retry returns the first run; the same key with another body is a 409.
 */
@Injectable()
export class CreateRun {
  constructor(
    private readonly runs: RunWriter,
    private readonly estimator: RunEstimator,
  ) {}

  async execute(cmd: CreateRunCommand): Promise<CreateRunResult> {
    const key = assertIdempotencyKey(cmd.idempotencyKey);
    const input = plain(fromCodeCarbon(cmd.input));
    const startedAt = instant('startedAt', input.startedAt);
    const endedAt = instant('endedAt', input.endedAt);
    if (startedAt && endedAt && endedAt.getTime() < startedAt.getTime()) {
      throw validationFailed([{ path: 'endedAt', message: 'endedAt must not be before startedAt' }]);
    }
    const hash = requestHash(input);
    if (key) {
      // Fast path for sequential retries: no estimate, no insert attempt.
      const existing = await this.runs.findByIdempotencyKey(cmd.tenant, key);
      if (existing) return { run: this.sameBody(existing, hash, key), replayed: true };
    }
    const request = input.request as unknown as Record<string, unknown>;
    const estimate = await this.estimator.estimateAt(request, startedAt || endedAt ? { startedAt, endedAt } : null);
    const { run, created } = await this.runs.insertIdempotent({
      tenant: cmd.tenant,
      name: input.name ?? null,
      project: input.project ?? null,
      team: input.team ?? null,
      model: input.model ?? null,
      tags: [...new Set(input.tags ?? [])],
      startedAt,
      endedAt,
      request,
      estimate,
      reported: input.reported ? { ...input.reported } : null,
      idempotencyKey: key,
      requestHash: hash,
    });
    return created ? { run, replayed: false } : { run: this.sameBody(run, hash, key as string), replayed: true };
  }

  private sameBody(existing: RunRecord, hash: string, key: string): RunRecord {
    if (existing.requestHash !== hash) {
      throw new RunsError(
        RunsErrorCode.IDEMPOTENCY_KEY_REUSED,
        'This Idempotency-Key was used with a different request body; use a new key for a new run.',
        [{ idempotencyKey: key, runId: existing.id }],
      );
    }
    return existing;
  }
}
