import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { Logger } from '@nestjs/common';
import { createRootLogger, PinoNestLogger, resolveLogFormat } from './logger';

/** A destination that keeps every line written to it. */
function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      done();
    },
  });
  return { lines, stream };
}

describe('log format', () => {
  it('auto: readable lines at a terminal, JSON otherwise; json and pretty override', () => {
    expect(resolveLogFormat('auto', true)).toBe('pretty');
    expect(resolveLogFormat('auto', false)).toBe('json');
    expect(resolveLogFormat('json', true)).toBe('json');
    expect(resolveLogFormat('pretty', false)).toBe('pretty');
  });

  it('json writes one JSON object per line', () => {
    const { lines, stream } = capture();
    createRootLogger('info', 'json', stream).info({ zone: 'FR' }, 'grid reference loaded');
    expect(JSON.parse(lines[0])).toMatchObject({
      level: 30,
      msg: 'grid reference loaded',
      zone: 'FR',
      service: 'ai-emissions-api',
    });
  });

  it('pretty writes one readable line: time, level, [context] message, fields', () => {
    const { lines, stream } = capture();
    createRootLogger('info', 'pretty', stream).info({ context: 'GridService', zone: 'FR' }, 'grid reference loaded');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^\[\d{2}:\d{2}:\d{2}\.\d{3}\] INFO: \[GridService\] grid reference loaded \{"zone":"FR"\}$/);
  });
});

describe("Nest's Logger over pino keeps the message, the fields and the context", () => {
  const { lines, stream } = capture();
  const last = () => JSON.parse(lines[lines.length - 1]) as Record<string, unknown>;
  beforeAll(() => Logger.overrideLogger(new PinoNestLogger(createRootLogger('debug', 'json', stream))));
  afterAll(() => Logger.overrideLogger(false));
  const logger = new Logger('CatalogService');

  it('an object with msg: the message, its fields and the context', () => {
    logger.log({ msg: 'catalog write', action: 'create', id: 'acme-x1' });
    expect(last()).toMatchObject({ level: 30, msg: 'catalog write', action: 'create', id: 'acme-x1', context: 'CatalogService' });
  });

  it('errors are serialised with their message and stack', () => {
    logger.error({ msg: 'job queue error', err: new Error('connection lost') });
    const line = last();
    expect(line).toMatchObject({
      level: 50,
      msg: 'job queue error',
      context: 'CatalogService',
      err: { message: 'connection lost' },
    });
    expect((line.err as { stack: string }).stack).toContain('Error: connection lost');
  });

  it('a string message, and a stack trace passed to error()', () => {
    logger.warn('deleted 2 job intake(s) abandoned mid-body');
    expect(last()).toMatchObject({ level: 40, msg: 'deleted 2 job intake(s) abandoned mid-body', context: 'CatalogService' });
    const stack = new Error('x').stack!;
    logger.error('shutdown failed', stack);
    expect(last()).toMatchObject({ level: 50, msg: 'shutdown failed', trace: stack, context: 'CatalogService' });
  });

  it('a pino-style (fields, message) call still keeps its message', () => {
    logger.debug({ version: 'seed-2026.11.0' }, 'hardware catalog loaded');
    expect(last()).toMatchObject({
      level: 20,
      msg: 'hardware catalog loaded',
      version: 'seed-2026.11.0',
      context: 'CatalogService',
    });
  });
});

describe('log calls in src', () => {
  function files(dir: string): string[] {
    return readdirSync(dir).flatMap((f) => {
      const p = join(dir, f);
      return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') && !p.endsWith('.spec.ts') ? [p] : [];
    });
  }

  it("pass Nest's Logger one argument (fields with msg), not pino's (fields, message)", () => {
    const pinoStyle = /\blogger\.(log|warn|error|debug|verbose|fatal)\(\{.*\},\s*['"`][^'"`]*['"`]\)/;
    const offenders = files(join(__dirname, '..', '..'))
      .flatMap((f) =>
        readFileSync(f, 'utf8')
          .split('\n')
          .map((line, i) => [f, i + 1, line] as const),
      )
      .filter(([f, , line]) => pinoStyle.test(line) && /new Logger\(/.test(readFileSync(f, 'utf8')))
      .map(([f, n]) => `${f}:${n}`);
    expect(offenders).toEqual([]);
  });
});
