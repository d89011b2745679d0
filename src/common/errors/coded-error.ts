/**
 * The base of every module's error: a code from that module's enum, the HTTP status that code answers,
 * a message and details. It has no framework import, so the pure engine can extend it too.
 *
 * Each module declares `class XError extends CodedError<XErrorCode>` and implements `status` with an
 * exhaustive switch over its own enum. The transports (the REST filter, the GraphQL formatter) know
 * only this base class, so `common/` lists no module and a new module registers nothing.
 */
export abstract class CodedError<Code extends string = string> extends Error {
  /** The HTTP status this error answers on REST (and `extensions.status` on GraphQL). */
  abstract get status(): number;
  /** Seconds a client should wait before retrying (sent as `Retry-After`), when that applies. */
  readonly retryAfterSeconds?: number;

  constructor(
    public readonly code: Code,
    message: string,
    public readonly details: unknown[] = [],
  ) {
    super(message);
    this.name = new.target.name;
  }
}
