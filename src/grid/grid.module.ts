import { Inject, Module, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { IncomingMessage } from 'node:http';
import type { HttpServer } from '../common/http/http-server';
import { GridController } from './grid.controller';
import { GridRepository } from './grid.repository';
import { GridResolver } from './grid.resolver';
import { GridService } from './grid.service';
import { LiveSignalsService } from './signals/live-signals.service';
import { SignalCacheRepository } from './signals/signal-cache.repository';

/** Zones, yearly intensities, cloud regions, PUE defaults and hourly series (REST + GraphQL). */
@Module({
  controllers: [GridController],
  providers: [GridRepository, SignalCacheRepository, LiveSignalsService, GridService, GridResolver],
  exports: [GridService],
})
export class GridModule implements OnModuleInit {
  constructor(@Inject(HttpAdapterHost) private readonly adapterHost: HttpAdapterHost) {}

  /**
   * `POST /v1/grid/zones/{code}/series` takes text/csv. The parser leaves the body as a stream so a
   * route can read it incrementally (GridService reads it to a string within BODY_LIMIT_BYTES); it is
   * only added if no other module registered one.
   */
  onModuleInit() {
    const fastify = this.adapterHost.httpAdapter?.getInstance?.() as HttpServer | undefined;
    if (!fastify || typeof fastify.hasContentTypeParser !== 'function' || fastify.hasContentTypeParser('text/csv')) return;
    fastify.addContentTypeParser(
      'text/csv',
      (_request: unknown, payload: IncomingMessage, done: (err: Error | null, body?: unknown) => void) => done(null, payload),
    );
  }
}
