import { type DynamicModule, Inject, Module, type OnModuleInit, type Provider } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { IncomingMessage } from 'node:http';
import { APP_CONFIG, type AppConfig } from '../common/config/app.config';
import type { HttpServer } from '../common/http/http-server';
import { DataVersionsModule } from '../data-versions/data-versions.module';
import { buildDataSourceOptions } from '../database/typeorm-options';
import { EstimatesModule } from '../estimates/estimates.module';
import { RunsStoreModule } from '../runs/runs-store.module';
import { JobIntake } from './intake/job-intake';
import { JobsController } from './jobs.controller';
import { JobsMetrics } from './jobs.metrics';
import { JobsRepository } from './jobs.repository';
import { JobsResolver } from './jobs.resolver';
import { JobsService } from './jobs.service';
import { JobsQueue } from './queue/jobs-queue';
import { ChunkProcessor } from './worker/chunk-processor';
import { JOBS_WORKER_ENABLED, JobsWorker } from './worker/jobs-worker';

/** What both the API and the worker role run: the queue, the chunk processor and the worker. */
const workerProviders: Provider[] = [JobsRepository, JobsQueue, ChunkProcessor, JobsWorker, JobsMetrics];

/** Content types POST /v1/jobs streams (application/json is app.factory.ts's parser, stream-aware). */
const STREAMED_TYPES = ['application/x-ndjson', 'application/ndjson', 'application/jsonl', 'text/csv'];

/**
 * Bulk calculation jobs: streamed intake (`POST /v1/jobs`, GraphQL `createJob`), reads (`job`,
 * errors), and the queue worker, which runs in the API process unless JOBS_INPROCESS_WORKER=false.
 */
@Module({
  imports: [EstimatesModule, RunsStoreModule],
  controllers: [JobsController],
  providers: [
    ...workerProviders,
    { provide: JOBS_WORKER_ENABLED, useFactory: (config: AppConfig) => config.JOBS_INPROCESS_WORKER, inject: [APP_CONFIG] },
    JobIntake,
    JobsService,
    JobsResolver,
  ],
})
export class JobsModule implements OnModuleInit {
  constructor(@Inject(HttpAdapterHost) private readonly adapterHost: HttpAdapterHost) {}

  /** NDJSON and CSV bodies reach handlers as the raw request stream (added unless another module did). */
  onModuleInit() {
    const fastify = this.adapterHost.httpAdapter?.getInstance?.() as HttpServer | undefined;
    if (!fastify || typeof fastify.hasContentTypeParser !== 'function') return;
    for (const type of STREAMED_TYPES) {
      if (fastify.hasContentTypeParser(type)) continue;
      fastify.addContentTypeParser(
        type,
        (_request: unknown, payload: IncomingMessage, done: (err: Error | null, body?: unknown) => void) => done(null, payload),
      );
    }
  }
}

/** The `--role=worker` process: the queue worker with the reference data it estimates with, no HTTP. */
@Module({})
export class JobsWorkerModule {
  static forRoot({ config, databaseUrl }: { config: AppConfig; databaseUrl: string }): DynamicModule {
    return {
      module: JobsWorkerModule,
      global: true,
      imports: [
        TypeOrmModule.forRoot(buildDataSourceOptions({ url: databaseUrl, poolSize: config.DB_POOL_SIZE })),
        DataVersionsModule,
        EstimatesModule,
        RunsStoreModule,
      ],
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: JOBS_WORKER_ENABLED, useValue: true },
        ...workerProviders,
      ],
      exports: [APP_CONFIG],
    };
  }
}
