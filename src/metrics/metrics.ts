import { createHash, timingSafeEqual } from 'node:crypto';
import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';
import type { HttpServer } from '../common/http/http-server';

/** Prometheus metrics: request counts and durations by method, route template and status. */
export class HttpMetrics {
  readonly registry = new Registry();
  private readonly requests = new Counter({
    name: 'http_requests_total',
    help: 'HTTP requests by method, route template and status code.',
    labelNames: ['method', 'route', 'status_code'] as const,
    registers: [this.registry],
  });
  private readonly duration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request duration in seconds by method, route template and status code.',
    labelNames: ['method', 'route', 'status_code'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });

  private readonly extra: Registry[] = [];

  constructor() {
    collectDefaultMetrics({ register: this.registry });
  }

  /** Serves another registry's metrics at /metrics too (a module's own, e.g. the jobs'). */
  addRegistry(registry: Registry): void {
    this.extra.push(registry);
  }

  /** `token`: when set, GET /metrics needs `Authorization: Bearer <token>` (401 otherwise); unset, it is open. */
  install(fastify: HttpServer, token?: string) {
    fastify.addHook('onResponse', (request, reply, done) => {
      // The route template, never the raw URL: ids in paths would explode the label cardinality.
      const route = request.routeOptions?.url ?? 'unmatched';
      const labels = { method: request.method, route, status_code: String(reply.statusCode) };
      this.requests.inc(labels);
      this.duration.observe(labels, reply.elapsedTime / 1000);
      done();
    });
    const expected = token ? createHash('sha256').update(`Bearer ${token}`).digest() : null;
    fastify.get('/metrics', { logLevel: 'warn' }, async (req, reply) => {
      if (expected) {
        const given = createHash('sha256')
          .update(String(req.headers.authorization ?? ''))
          .digest();
        if (!timingSafeEqual(given, expected)) {
          return reply.code(401).send({
            error: {
              code: 'UNAUTHENTICATED',
              message: 'GET /metrics needs Authorization: Bearer <METRICS_TOKEN>.',
              details: [],
            },
          });
        }
      }
      const registry = this.extra.length ? Registry.merge([this.registry, ...this.extra]) : this.registry;
      reply.header('content-type', registry.contentType);
      return registry.metrics();
    });
  }
}
