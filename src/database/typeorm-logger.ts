import { Logger as NestLogger } from '@nestjs/common';
import type { Logger as TypeOrmLogger } from 'typeorm';

const MAX_QUERY_CHARS = 300;

/**
 * TypeORM's own logger prints a failed query with its parameters in plain text: key hashes, whole
 * run payloads. This one logs the query text (truncated: the statements are parameterized, values are
 * never in it) and the driver's code and message, never the parameters.
 */
export class RedactingTypeOrmLogger implements TypeOrmLogger {
  private readonly logger = new NestLogger('Database');

  constructor(private readonly verbose = false) {}

  logQuery(): void {
    /* query logging is off; errors only */
  }

  logQueryError(error: string | Error, query: string): void {
    const e = (typeof error === 'string' ? { message: error } : error) as { message?: string; code?: string };
    this.logger.error({
      msg: 'query failed',
      err: { message: e.message, code: e.code },
      query: query.length > MAX_QUERY_CHARS ? `${query.slice(0, MAX_QUERY_CHARS)}…` : query,
    });
  }

  logQuerySlow(time: number, query: string): void {
    this.logger.warn({ msg: 'slow query', ms: time, query: query.slice(0, MAX_QUERY_CHARS) });
  }

  logSchemaBuild(message: string): void {
    if (this.verbose) this.logger.log(message);
  }

  logMigration(message: string): void {
    if (this.verbose) this.logger.log(message);
  }

  /** TypeORM's own notices (the uuid-ossp one at every start, among others): only with `logging` on, as its built-in logger did. */
  log(level: 'log' | 'info' | 'warn', message: unknown): void {
    if (!this.verbose) return;
    if (level === 'warn') this.logger.warn(String(message));
    else this.logger.log(String(message));
  }
}
