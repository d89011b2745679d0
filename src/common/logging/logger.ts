import type { LoggerService } from '@nestjs/common';
import pino, { type DestinationStream, type Logger, type LoggerOptions } from 'pino';
import pretty from 'pino-pretty';

/** `auto`: human-readable lines when stdout is a terminal, JSON lines otherwise. */
export type LogFormat = 'auto' | 'json' | 'pretty';

export function resolveLogFormat(format: LogFormat, isTTY = Boolean(process.stdout.isTTY)): 'json' | 'pretty' {
  if (format === 'json' || format === 'pretty') return format;
  return isTTY ? 'pretty' : 'json';
}

/**
 * One pino instance for Fastify's request logs and Nest's own messages: JSON lines for machines, or one
 * readable line per event (time, level, [context] message, then the fields) for a person at a terminal.
 * `destination` defaults to stdout.
 */
export function createRootLogger(level: string, format: LogFormat = 'auto', destination?: DestinationStream): Logger {
  const options: LoggerOptions = {
    level,
    base: { service: 'ai-emissions-api', pid: process.pid },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: { paths: ['req.headers.authorization', 'req.headers["x-api-key"]', 'req.headers.cookie'], censor: '[redacted]' },
  };
  if (resolveLogFormat(format) === 'pretty') {
    const stream = pretty({
      destination: destination ?? 1,
      sync: true,
      colorize: destination ? false : pretty.isColorSupported,
      translateTime: 'SYS:HH:MM:ss.l',
      ignore: 'pid,hostname,service,context',
      messageFormat: '{if context}[{context}] {end}{msg}',
      singleLine: true,
    });
    return pino(options, stream);
  }
  return destination ? pino(options, destination) : pino(options);
}

type Level = 'info' | 'error' | 'warn' | 'debug' | 'trace' | 'fatal';

/**
 * Nest's LoggerService over pino. Call Nest's `Logger` with one argument: a string, an Error, or an
 * object of fields whose `msg` is the message (`logger.log({ msg: 'catalog write', id })`). As Nest's
 * own ConsoleLogger does, the last string argument is the context (the Logger instance appends it);
 * a string between the message and the context is kept as the message (error(): the stack trace).
 */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}
  log(message: unknown, ...params: unknown[]) {
    this.write('info', message, params);
  }
  error(message: unknown, ...params: unknown[]) {
    this.write('error', message, params, true);
  }
  warn(message: unknown, ...params: unknown[]) {
    this.write('warn', message, params);
  }
  debug(message: unknown, ...params: unknown[]) {
    this.write('debug', message, params);
  }
  verbose(message: unknown, ...params: unknown[]) {
    this.write('trace', message, params);
  }
  fatal(message: unknown, ...params: unknown[]) {
    this.write('fatal', message, params);
  }

  private write(level: Level, message: unknown, params: unknown[], isError = false) {
    const rest = [...params];
    const context =
      rest.length > 0 && (typeof rest[rest.length - 1] === 'string' || rest[rest.length - 1] === undefined)
        ? (rest.pop() as string | undefined)
        : undefined;
    const extra = rest.find((p): p is string => typeof p === 'string');
    const trace = isError && extra && /\n\s+at /.test(extra) ? extra : undefined;
    const text = trace ? undefined : extra;
    if (message instanceof Error) {
      this.logger[level]({ context, err: message }, text ?? message.message);
    } else if (message && typeof message === 'object') {
      const { msg, ...fields } = message as { msg?: unknown };
      this.logger[level]({ context, ...fields, ...(trace ? { trace } : {}) }, typeof msg === 'string' ? msg : text);
    } else {
      this.logger[level]({ context, ...(trace ? { trace } : {}) }, String(message));
    }
  }
}
