import { CodedError } from '../common/errors/coded-error';
import { assertUnreachable } from '../common/errors/common.errors';

/** Error codes of runs and reports (documented in docs/errors.md). */
export enum RunsErrorCode {
  RUN_NOT_FOUND = 'RUN_NOT_FOUND',
  IDEMPOTENCY_KEY_REUSED = 'IDEMPOTENCY_KEY_REUSED',
}

export class RunsError extends CodedError<RunsErrorCode> {
  get status(): number {
    return runsErrorStatus(this.code);
  }
}

export function runsErrorStatus(code: RunsErrorCode): number {
  switch (code) {
    case RunsErrorCode.RUN_NOT_FOUND:
      return 404;
    case RunsErrorCode.IDEMPOTENCY_KEY_REUSED:
      return 409;
    default:
      return assertUnreachable(code);
  }
}

export function runNotFound(id: string): RunsError {
  return new RunsError(RunsErrorCode.RUN_NOT_FOUND, `No run ${id}.`);
}
