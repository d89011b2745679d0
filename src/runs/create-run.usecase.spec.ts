import { CreateRun } from './create-run.usecase';
import type { RunInput } from './dto/run.input';
import { RunsError, RunsErrorCode } from './runs.errors';
import { type NewRun, type RunRecord, RunEstimator, RunWriter } from './runs.types';
import type { Estimate } from '../estimation';
import { CommonError } from '../common/errors/common.errors';

/** An in-memory store with the same contract as the SQL one (unique (tenant, idempotencyKey)). */
class FakeRuns extends RunWriter {
  readonly rows: RunRecord[] = [];
  async findByIdempotencyKey(tenant: string, key: string) {
    return this.rows.find((r) => r.tenant === tenant && (r as RunRecord & { key?: string }).key === key) ?? null;
  }
  async insertIdempotent(run: NewRun) {
    const existing = run.idempotencyKey ? await this.findByIdempotencyKey(run.tenant, run.idempotencyKey) : null;
    if (existing) return { run: existing, created: false };
    const now = new Date();
    const record = {
      ...run,
      id: `run-${this.rows.length + 1}`,
      jobId: null,
      externalId: null,
      dataVersion: run.estimate.dataVersion,
      createdAt: now,
      updatedAt: now,
      key: run.idempotencyKey ?? undefined,
    };
    this.rows.push(record);
    return { run: record, created: true };
  }
}

class FakeEstimator extends RunEstimator {
  calls = 0;
  periods: unknown[] = [];
  async estimateAt(request: unknown, period: unknown): Promise<Estimate> {
    this.calls++;
    this.periods.push(period);
    const hours = (request as { hours: number }).hours;
    return { co2eKg: hours * 2, energyKwh: hours * 10, dataVersion: 'seed-test' } as unknown as Estimate;
  }
}

const input = (overrides: Partial<RunInput> = {}) =>
  ({
    name: 'n',
    project: 'p',
    tags: ['a', 'a', 'b'],
    request: { hours: 3, location: { zone: 'FR' } },
    ...overrides,
  }) as unknown as RunInput;

describe('CreateRun', () => {
  it('estimates and stores the run with its request, estimate and data version', async () => {
    const runs = new FakeRuns();
    const { run, replayed } = await new CreateRun(runs, new FakeEstimator()).execute({ tenant: 't', input: input() });
    expect(replayed).toBe(false);
    expect(run).toMatchObject({
      tenant: 't',
      project: 'p',
      tags: ['a', 'b'],
      request: { hours: 3, location: { zone: 'FR' } },
      dataVersion: 'seed-test',
    });
    expect(run.estimate.co2eKg).toBe(6);
    expect(runs.rows).toHaveLength(1);
  });

  it("prices the run at its own time: the estimator gets the run's startedAt and endedAt", async () => {
    const estimator = new FakeEstimator();
    const useCase = new CreateRun(new FakeRuns(), estimator);
    await useCase.execute({
      tenant: 't',
      input: input({ startedAt: '2022-03-01T00:00:00Z', endedAt: '2022-03-01T03:00:00Z' } as Partial<RunInput>),
    });
    await useCase.execute({ tenant: 't', input: input() });
    expect(estimator.periods).toEqual([
      { startedAt: new Date('2022-03-01T00:00:00Z'), endedAt: new Date('2022-03-01T03:00:00Z') },
      null,
    ]);
  });

  it('returns the first run for a retried Idempotency-Key without estimating again', async () => {
    const runs = new FakeRuns();
    const estimator = new FakeEstimator();
    const useCase = new CreateRun(runs, estimator);
    const first = await useCase.execute({ tenant: 't', input: input(), idempotencyKey: 'k1' });
    const again = await useCase.execute({ tenant: 't', input: input(), idempotencyKey: 'k1' });
    expect(again).toEqual({ run: first.run, replayed: true });
    expect(estimator.calls).toBe(1);
    expect(runs.rows).toHaveLength(1);
    const otherTenant = await useCase.execute({ tenant: 'u', input: input(), idempotencyKey: 'k1' });
    expect(otherTenant.replayed).toBe(false);
  });

  it('refuses the same key with another body (IDEMPOTENCY_KEY_REUSED)', async () => {
    const useCase = new CreateRun(new FakeRuns(), new FakeEstimator());
    await useCase.execute({ tenant: 't', input: input(), idempotencyKey: 'k1' });
    await expect(useCase.execute({ tenant: 't', input: input({ project: 'q' }), idempotencyKey: 'k1' })).rejects.toMatchObject({
      code: RunsErrorCode.IDEMPOTENCY_KEY_REUSED,
    });
    await expect(useCase.execute({ tenant: 't', input: input({ project: 'q' }), idempotencyKey: 'k1' })).rejects.toBeInstanceOf(
      RunsError,
    );
  });

  it.each([
    [{ startedAt: '2026-01-02T00:00:00Z', endedAt: '2026-01-01T00:00:00Z' }, 'endedAt'],
    [{ startedAt: '0000-01-01T00:00:00Z' }, 'startedAt'],
  ])('rejects %j at %s', async (overrides, path) => {
    const runs = new FakeRuns();
    const err = await new CreateRun(runs, new FakeEstimator())
      .execute({ tenant: 't', input: input(overrides as Partial<RunInput>) })
      .catch((e) => e);
    expect(err).toBeInstanceOf(CommonError);
    expect(err.details).toEqual([expect.objectContaining({ path })]);
    expect(runs.rows).toHaveLength(0);
  });

  it('rejects an unusable Idempotency-Key', async () => {
    const err = await new CreateRun(new FakeRuns(), new FakeEstimator())
      .execute({ tenant: 't', input: input(), idempotencyKey: 'has space' })
      .catch((e) => e);
    expect(err.code).toBe('VALIDATION_FAILED');
  });
});
