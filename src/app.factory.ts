import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Logger } from 'pino';
import { finishOpenApiDocument } from './api-docs/openapi';
import { AppModule } from './app.module';
import { type AppConfig, corsOrigins } from './common/config/app.config';
import { createValidationPipe } from './common/http/validation.pipe';
import { createRootLogger, PinoNestLogger } from './common/logging/logger';
import { errorBody, toApiError } from './common/errors/api-error';
import { CommonError, CommonErrorCode } from './common/errors/common.errors';
import { forbiddenKeyPath, MAX_JSON_DEPTH, scanJsonText } from './common/http/json-guard';
import { installGraphqlDocumentLimit } from './common/graphql/graphql-limits';
import { explorerScriptHashes, installGraphqlExplorer } from './explorer/graphql-explorer';
import { installSecurityHeaders } from './common/http/security-headers';
import { nextTurn } from './common/runtime/turns';
import { installIndexPage } from './explorer/index-page';
import { installDashboard } from './explorer/dashboard';
import { installAnonymousAccessControl } from './common/rate-limit/rate-limit';
import { HttpMetrics } from './metrics/metrics';
import { JobsMetrics } from './jobs/jobs.metrics';
import type { HttpServer } from './common/http/http-server';
import type { FastifyError } from 'fastify';

export interface CreateAppOptions {
  config: AppConfig;
  databaseUrl: string;
  logger?: Logger;
}

// A NUL byte, raw or percent-encoded, is exactly what this pattern looks for.
// eslint-disable-next-line no-control-regex
const NUL_IN_URL = /%00|\u0000/i;

/** Router errors (over-long or badly encoded path segments) happen before Nest sees the request. */
function renderFrameworkError(
  err: FastifyError,
  _request: unknown,
  reply: { status(code: number): { send(payload: unknown): unknown } },
) {
  const apiError = toApiError(err);
  void reply.status(apiError.status).send(errorBody(apiError));
}

/** Builds the whole HTTP application (both transports, explorers, metrics) without listening. */
export async function createApp({ config, databaseUrl, logger }: CreateAppOptions): Promise<NestFastifyApplication> {
  const rootLogger = logger ?? createRootLogger(config.LOG_LEVEL, config.LOG_FORMAT);
  const adapter = new FastifyAdapter({
    loggerInstance: rootLogger,
    bodyLimit: config.BODY_LIMIT_BYTES,
    requestIdHeader: 'x-request-id',
    genReqId: () => randomUUID(),
    return503OnClosing: true,
    forceCloseConnections: 'idle',
    routerOptions: { maxParamLength: 500 }, // /v1/hardware/{ref} takes names as /proc/cpuinfo prints them
    frameworkErrors: renderFrameworkError as never, // Fastify's generic reply types do not unify with a plain function
    clientErrorHandler: answerClientError,
  });
  const fastify: HttpServer = adapter.getInstance();
  // First, so every answer carries them, including those made by the hooks below (docs/security.md).
  await installSecurityHeaders(fastify, explorerScriptHashes());
  // Set here rather than in an onSend hook: one async hook less on every response.
  fastify.addHook('onRequest', (request, reply, done) => {
    reply.header('x-request-id', request.id);
    done();
  });
  // An error answered before the request body was read to its end (a refused key, a bad content type,
  // a malformed job body mid-stream): the socket is closed after the answer, so a keep-alive client's
  // next request does not queue behind an unread body (it waited 72 s).
  fastify.addHook('onSend', (request, reply, payload, done) => {
    if (reply.statusCode >= 400 && !request.raw.complete) void reply.header('connection', 'close');
    done(null, payload);
  });
  // NUL in the path or query string cannot be stored nor matched (PostgreSQL text refuses it): 400, not a 500.
  fastify.addHook('onRequest', (request, reply, done) => {
    if (!NUL_IN_URL.test(request.url)) return done();
    const message = 'The URL contains a NUL character (%00).';
    void reply
      .code(400)
      .send(errorBody({ status: 400, code: CommonErrorCode.VALIDATION_FAILED, message, details: [{ path: 'url', message }] }));
  });
  // Fastify parses text/plain by default; no JSON route takes it: 415, as for any other type a route does not take.
  fastify.removeContentTypeParser('text/plain');
  // Fastify's JSON parser errors reach Nest as bare HttpExceptions; parse here so a bad body is MALFORMED_JSON.
  const defaultJson = fastify.getDefaultJsonParser('error', 'ignore');
  fastify.removeContentTypeParser('application/json');
  const parseJson = (request: ParsedRequest, body: string, done: (err: Error | null, value?: unknown) => void) => {
    if (body === '' || body.trim() === '') {
      return done(new CommonError(CommonErrorCode.MALFORMED_JSON, 'The request body is empty but declared as JSON.'), undefined);
    }
    // Before JSON.parse and anything recursive: the nesting depth, and strings PostgreSQL cannot store.
    const problem = scanJsonText(body);
    if (problem) {
      return done(
        problem.kind === 'too-deep'
          ? new CommonError(CommonErrorCode.JSON_TOO_DEEP, problem.message, [
              { path: '', message: problem.message, maxDepth: MAX_JSON_DEPTH },
            ])
          : new CommonError(CommonErrorCode.VALIDATION_FAILED, problem.message, [{ path: '', message: problem.message }]),
        undefined,
      );
    }
    const forbidden = forbiddenKeyPath(body);
    if (forbidden !== null) {
      const message = `${forbidden}: property ${forbidden.split('.').pop()} should not exist`;
      return done(
        new CommonError(CommonErrorCode.VALIDATION_FAILED, message, [
          { path: forbidden, message: `property ${forbidden.split('.').pop()} should not exist` },
        ]),
        undefined,
      );
    }
    void defaultJson(request as never, body, (err: Error | null, value?: unknown) => {
      if (err)
        return done(
          new CommonError(CommonErrorCode.MALFORMED_JSON, `The request body is not valid JSON: ${err.message}`),
          undefined,
        );
      done(null, value);
    });
  };
  // Routes marked @RouteConfig({ streamBody: true }) (POST /v1/jobs: up to a million rows) get the raw
  // request stream and parse it incrementally under their own limit; every other route is buffered
  // within BODY_LIMIT_BYTES as before.
  fastify.addContentTypeParser(
    'application/json',
    (request: ParsedRequest, payload: IncomingMessage, done: (err: Error | null, value?: unknown) => void) => {
      if ((request.routeOptions?.config as { streamBody?: boolean } | undefined)?.streamBody) return done(null, payload);
      readBodyText(request, payload, request.routeOptions?.bodyLimit ?? config.BODY_LIMIT_BYTES, (err, text) =>
        err ? done(err) : parseJson(request, text ?? '', done),
      );
    },
  );
  const metrics = new HttpMetrics();
  metrics.install(fastify, config.METRICS_TOKEN);
  installGraphqlExplorer(fastify);
  installIndexPage(fastify);
  installDashboard(fastify);
  installAnonymousAccessControl(fastify, config); // after the explorer page hook: per-IP limit, REQUIRE_API_KEY
  installGraphqlDocumentLimit(fastify as never, config.GRAPHQL_MAX_DOCUMENT_BYTES);

  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot({ config, databaseUrl }), adapter, {
    logger: new PinoNestLogger(rootLogger),
    bufferLogs: false,
    bodyParser: false, // the JSON parser above is ours (coded MALFORMED_JSON errors)
  });
  metrics.addRegistry(app.get(JobsMetrics).registry);
  // Unknown routes reach AllExceptionsFilter as Nest's NotFoundException and answer NOT_FOUND.
  app.useGlobalPipes(createValidationPipe());
  const origins = corsOrigins(config);
  if (origins !== false) app.enableCors({ origin: origins, credentials: false, exposedHeaders: ['x-request-id', 'retry-after'] });
  SwaggerModule.setup('docs', app, () => buildOpenApiDocument(app), {
    jsonDocumentUrl: 'docs/openapi.json',
    customSiteTitle: 'ai-emissions-api · REST API',
  });
  return app;
}

/** Bodies above this are handled one per event-loop turn (parsing and what follows it costs ms per 10 KB). */
const LARGE_BODY_BYTES = 16 * 1024;

/** The parts of a Fastify request the body parsers read. */
interface ParsedRequest {
  headers: Record<string, string | string[] | undefined>;
  routeOptions?: { config?: unknown; bodyLimit?: number };
}

/** Buffers a body as UTF-8 within `limit` bytes (what Fastify's `parseAs: 'string'` does, for a parser that may also stream). */
function readBodyText(
  request: ParsedRequest,
  payload: IncomingMessage,
  limit: number,
  done: (err: Error | null, text?: string) => void,
) {
  const declared = Number(request.headers['content-length']);
  const tooLarge = () =>
    new CommonError(CommonErrorCode.PAYLOAD_TOO_LARGE, 'The request body is larger than the configured limit.');
  if (declared > limit) return done(tooLarge());
  const chunks: Buffer[] = [];
  let size = 0;
  let settled = false;
  const settle = (err: Error | null, text?: string) => {
    if (settled) return;
    settled = true;
    payload.removeListener('data', onData);
    payload.removeListener('end', onEnd);
    payload.removeListener('error', onError);
    done(err, text);
  };
  const onData = (chunk: Buffer | string) => {
    const b = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    size += b.length;
    if (size > limit) return settle(tooLarge());
    chunks.push(b);
  };
  const onEnd = () => {
    if (!Number.isNaN(declared) && declared !== size) {
      return settle(new CommonError(CommonErrorCode.MALFORMED_JSON, 'The request body length does not match Content-Length.'));
    }
    // The body goes on to parsing, Fastify's hooks and Nest's handler from the event loop's check
    // phase (setImmediate), not from inside the socket's read callback. Under concurrent load the
    // requests that arrived together are then read together and handled together, and each request
    // costs less CPU: POST /v1/estimates went from ~148 to ~108 µs of server CPU per request
    // (7.2k -> 10.3k req/s) and the GraphQL estimate from ~290 to ~240 µs (A/B, docs/performance.md).
    // A lone request waits for nothing: the check phase follows the poll phase that read it.
    // A large body (a 1,000-item batch, a long document) is parsed and handled in an event-loop turn of
    // its own (nextTurn): when several arrive together, each turn runs one, and sockets are polled in
    // between, so a probe does not wait for all of them (the GraphQL abuse test's /health/live p99).
    if (size > LARGE_BODY_BYTES) void nextTurn().then(() => settle(null, Buffer.concat(chunks).toString('utf8')));
    else setImmediate(settle, null, Buffer.concat(chunks).toString('utf8'));
  };
  const onError = (err: Error) => settle(err);
  payload.on('data', onData);
  payload.on('end', onEnd);
  payload.on('error', onError);
  payload.resume();
}

export function buildOpenApiDocument(app: NestFastifyApplication): OpenAPIObject {
  const doc = new DocumentBuilder()
    .setTitle('ai-emissions-api')
    .setDescription(
      'Electricity, CO2e and water of training and serving AI models, with provenance. ' +
        'Errors: `{ "error": { "code", "message", "details" } }` (the `Error` schema); docs/errors.md lists every code.',
    )
    .setVersion('1')
    .build();
  const generated = SwaggerModule.createDocument(app, doc, {
    operationIdFactory: (controllerKey: string, methodKey: string) => `${controllerKey.replace(/Controller$/, '')}_${methodKey}`,
  });
  return finishOpenApiDocument(generated);
}

/**
 * Node's HTTP parser refuses some requests before Fastify sees them (malformed request line or headers,
 * headers over 16 KB): the answer is written on the socket directly. It carries the error shape too
 * (400 VALIDATION_FAILED, 431 HEADERS_TOO_LARGE) and closes the connection; a reset socket gets nothing.
 */
export function answerClientError(err: NodeJS.ErrnoException, socket: import('node:net').Socket): void {
  if (err.code === 'ECONNRESET' || !socket.writable) {
    socket.destroy();
    return;
  }
  const tooLarge = err.code === 'HPE_HEADER_OVERFLOW';
  const status = tooLarge ? 431 : 400;
  const body = JSON.stringify(
    errorBody({
      status,
      code: tooLarge ? CommonErrorCode.HEADERS_TOO_LARGE : CommonErrorCode.VALIDATION_FAILED,
      message: tooLarge ? 'The request headers are larger than the server accepts (16 KB).' : 'The request is not valid HTTP.',
      details: [],
    }),
  );
  socket.end(
    `HTTP/1.1 ${status} ${tooLarge ? 'Request Header Fields Too Large' : 'Bad Request'}\r\n` +
      `Content-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}
