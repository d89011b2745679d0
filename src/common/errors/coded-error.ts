import type { ApiError } from './api-error';

/**
 * The base of every module's error: a code from that module's enum, a message and details, and no
 * HTTP type (STYLE 9). Each module declares `class XError extends CodedError<XErrorCode> {}` and maps
 * its codes to statuses once, with an exhaustive switch, through `codedErrorMapper`.
 */
export abstract class CodedError<Code extends string> extends Error {
  constructor(
    public readonly code: Code,
    message: string,
    public readonly details: unknown[] = [],
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** A domain-error mapper for one module: its error class and its code-to-status switch. */
export function codedErrorMapper<Code extends string>(
  errorClass: abstract new (...args: never[]) => CodedError<Code>,
  statusOf: (code: Code) => number,
): (err: unknown) => ApiError | null {
  return (err) => (err instanceof errorClass ? { status: statusOf(err.code), code: err.code, message: err.message, details: err.details } : null);
}
