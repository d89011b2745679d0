import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AuthError, AuthErrorCode } from '../../src/auth/auth.errors';
import { CatalogError, CatalogErrorCode } from '../../src/catalog/catalog.errors';
import { toApiError } from '../../src/common/errors/api-error';
import { CodedError } from '../../src/common/errors/coded-error';
import { CommonError, CommonErrorCode } from '../../src/common/errors/common.errors';
import { EstimationError, EstimationErrorCode } from '../../src/estimation/estimation.errors';
import { GridError, GridErrorCode } from '../../src/grid/domain/grid.errors';
import { JobsError, JobsErrorCode } from '../../src/jobs/jobs.errors';
import { ModelCatalogError, ModelCatalogErrorCode } from '../../src/model-catalog/model-catalog.errors';
import { RunsError, RunsErrorCode } from '../../src/runs/runs.errors';

/** Every module's error carries its own status; common/ maps the base class once, knowing no module. */
describe('coded errors', () => {
  const modules: Array<[string, Record<string, string>, (code: string) => CodedError]> = [
    ['common', CommonErrorCode, (c) => new CommonError(c as CommonErrorCode, 'm')],
    ['auth', AuthErrorCode, (c) => new AuthError(c as AuthErrorCode, 'm')],
    ['catalog', CatalogErrorCode, (c) => new CatalogError(c as CatalogErrorCode, 'm')],
    ['grid', GridErrorCode, (c) => new GridError(c as GridErrorCode, 'm')],
    ['estimation', EstimationErrorCode, (c) => new EstimationError(c as EstimationErrorCode, 'm')],
    ['runs', RunsErrorCode, (c) => new RunsError(c as RunsErrorCode, 'm')],
    ['jobs', JobsErrorCode, (c) => new JobsError(c as JobsErrorCode, 'm')],
    ['models', ModelCatalogErrorCode, (c) => new ModelCatalogError(c as ModelCatalogErrorCode, 'm')],
  ];

  it.each(modules)('%s: every code has a 4xx/5xx status, and toApiError renders it with that status', (_name, codes, make) => {
    for (const code of Object.values(codes)) {
      const err = make(code);
      expect(err).toBeInstanceOf(CodedError);
      expect(err.status).toBeGreaterThanOrEqual(400);
      expect(err.status).toBeLessThan(600);
      expect(toApiError(err)).toEqual({ status: err.status, code, message: 'm', details: [] });
    }
  });

  it('keeps the statuses the API documents', () => {
    expect(new RunsError(RunsErrorCode.IDEMPOTENCY_KEY_REUSED, 'm').status).toBe(409);
    expect(new CatalogError(CatalogErrorCode.SEED_HARDWARE_READ_ONLY, 'm').status).toBe(403);
    expect(new EstimationError(EstimationErrorCode.POWER_UNKNOWN, 'm').status).toBe(422);
    expect(new JobsError(JobsErrorCode.JOB_TOO_MANY_ROWS, 'm').status).toBe(413);
    expect(new GridError(GridErrorCode.ZONE_NOT_FOUND, 'm', ['FR']).status).toBe(404);
  });

  it('carries details and Retry-After', () => {
    const err = new CommonError(CommonErrorCode.RATE_LIMITED, 'slow down', [], 12);
    expect(toApiError(err)).toEqual({
      status: 429,
      code: 'RATE_LIMITED',
      message: 'slow down',
      details: [],
      retryAfterSeconds: 12,
    });
    const grid = new GridError(GridErrorCode.ZONE_NOT_FOUND, 'no zone', ['FR']);
    expect(toApiError(grid).details).toEqual(['FR']);
  });

  it('renders an unknown error as a 500 with no internals', () => {
    expect(toApiError(new Error('secret'))).toEqual({
      status: 500,
      code: 'INTERNAL_ERROR',
      message: 'Internal error.',
      details: [],
    });
  });

  it('docs/errors.md lists every code with the status it answers', () => {
    const doc = readFileSync(join(__dirname, '..', '..', 'docs', 'errors.md'), 'utf8');
    const documented = new Map<string, Set<number>>();
    for (const m of doc.matchAll(/^\| `([A-Z_]+)` \| (\d{3}) \|/gm)) {
      documented.set(m[1], (documented.get(m[1]) ?? new Set()).add(Number(m[2])));
    }
    const problems: string[] = [];
    for (const [, codes, make] of modules) {
      for (const code of Object.values(codes)) {
        const statuses = documented.get(code);
        const status = make(code).status;
        if (!statuses) problems.push(`${code} is not in a table of docs/errors.md`);
        else if (!statuses.has(status))
          problems.push(`${code} answers ${status}; docs/errors.md says ${[...statuses].join(', ')}`);
      }
    }
    expect(problems).toEqual([]);
  });
});
