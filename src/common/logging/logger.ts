import type { LoggerService } from '@nestjs/common';
import pino, { type Logger } from 'pino';

/** One pino instance for Fastify's request logs and Nest's own messages: structured JSON lines. */
export function createRootLogger(level: string): Logger {
  return pino({
    level,
    base: { service: 'ai-emissions-api', pid: process.pid },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: { paths: ['req.headers.authorization', 'req.headers["x-api-key"]', 'req.headers.cookie'], censor: '[redacted]' },
  });
}

export class PinoNestLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}
  log(message: unknown, context?: string) { this.write('info', message, context); }
  error(message: unknown, trace?: string, context?: string) { this.write('error', message, context, trace); }
  warn(message: unknown, context?: string) { this.write('warn', message, context); }
  debug(message: unknown, context?: string) { this.write('debug', message, context); }
  verbose(message: unknown, context?: string) { this.write('trace', message, context); }
  fatal(message: unknown, context?: string) { this.write('fatal', message, context); }

  private write(level: 'info' | 'error' | 'warn' | 'debug' | 'trace' | 'fatal', message: unknown, context?: string, trace?: string) {
    if (message && typeof message === 'object' && !(message instanceof Error)) {
      this.logger[level]({ context, ...(message as object), ...(trace ? { trace } : {}) });
    } else if (message instanceof Error) {
      this.logger[level]({ context, err: message });
    } else {
      this.logger[level]({ context, ...(trace ? { trace } : {}) }, String(message));
    }
  }
}
