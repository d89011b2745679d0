import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Logger } from 'pino';
import request from 'supertest';
import { createApp } from '../../src/app.factory';
import { validateEnv } from '../../src/common/config/app.config';
import { createRootLogger } from '../../src/common/logging/logger';

export interface TestApp {
  app: NestFastifyApplication;
  http: ReturnType<typeof request>;
  server: Parameters<typeof request>[0];
  gql<T = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    headers?: Record<string, string>,
  ): Promise<GqlResult<T>>;
  close(): Promise<void>;
}

export interface GqlResult<T> {
  status: number;
  data: T | null;
  errors?: { message: string; extensions: { code: string; status: number; details: { path?: string; message: string }[] } }[];
}

/** Boots the real AppModule on the test run's database (see test/setup/global-setup.ts). */
export async function createTestApp(
  env: Record<string, string> = {},
  options: { logger?: Logger; databaseUrl?: string } = {},
): Promise<TestApp> {
  const url = options.databaseUrl ?? process.env.TEST_DATABASE_URL;
  if (!url) throw new Error('TEST_DATABASE_URL is not set: run through jest (globalSetup creates the database)');
  const config = validateEnv({
    LOG_LEVEL: 'silent',
    RATE_LIMIT_PER_MINUTE: '0',
    KEY_RATE_LIMIT_PER_MINUTE: '0',
    ...env,
    DATABASE_URL: url,
  }); // suites send many anonymous and keyed requests; the rate-limit e2e tests set their own
  const app = await createApp({ config, databaseUrl: url, logger: options.logger ?? createRootLogger(config.LOG_LEVEL, 'json') });
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  const server = app.getHttpServer();
  return {
    app,
    server,
    http: request(server),
    async gql(query, variables, headers = {}) {
      const res = await request(server).post('/graphql').set(headers).send({ query, variables });
      return { status: res.status, data: res.body.data ?? null, errors: res.body.errors };
    },
    close: () => app.close(),
  };
}
