import { Injectable } from '@nestjs/common';
import { validationFailed } from '../common/errors/validation-errors';
import type { RunInput } from './dto/run.input';
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
    const input = plain(cmd.input);
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
