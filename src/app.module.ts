import { introspectionCachePlugin } from './common/graphql/introspection-cache';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { ApolloDriver, type ApolloDriverConfig } from '@nestjs/apollo';
import { type DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { GraphQLModule } from '@nestjs/graphql';
import { TypeOrmModule } from '@nestjs/typeorm';
import { APP_CONFIG, type AppConfig } from './common/config/app.config';
import { describeSchema } from './api-docs/graphql-descriptions';
import { formatGraphqlError } from './common/http/graphql-error.formatter';
import { graphqlErrorLogPlugin } from './common/http/graphql-error-log.plugin';
import { httpStatusPlugin } from './common/graphql/http-status.plugin';
import { type GraphqlLimits, limitsPlugin, limitsValidationRule } from './common/graphql/graphql-limits';
import { AllExceptionsFilter } from './common/http/all-exceptions.filter';
import { AuthModule } from './auth/auth.module';
import { CatalogModule } from './catalog/catalog.module';
import { ModelCatalogModule } from './model-catalog/model-catalog.module';
import { DataVersionsModule } from './data-versions/data-versions.module';
import { EstimatesModule } from './estimates/estimates.module';
import { SchedulesModule } from './schedules/schedules.module';
import { GridModule } from './grid/grid.module';
import { buildDataSourceOptions } from './database/typeorm-options';
import { HealthModule } from './health/health.module';
import { RunsModule } from './runs/runs.module';
import { JobsModule } from './jobs/jobs.module';

export interface AppModuleOptions {
  config: AppConfig;
  /** The resolved database: DATABASE_URL, or the embedded engine's loopback URL. */
  databaseUrl: string;
}

@Module({})
export class AppModule {
  static forRoot({ config, databaseUrl }: AppModuleOptions): DynamicModule {
    const limits: GraphqlLimits = {
      maxDepth: config.GRAPHQL_MAX_DEPTH,
      maxAliases: config.GRAPHQL_MAX_ALIASES,
      maxCost: config.GRAPHQL_MAX_COST,
      maxTokens: config.GRAPHQL_MAX_TOKENS,
      budgetMs: config.GRAPHQL_REQUEST_BUDGET_MS,
    };
    return {
      module: AppModule,
      global: true,
      imports: [
        TypeOrmModule.forRoot({
          ...buildDataSourceOptions({ url: databaseUrl, poolSize: config.DB_POOL_SIZE }),
        }),
        GraphQLModule.forRoot<ApolloDriverConfig>({
          driver: ApolloDriver,
          path: '/graphql',
          autoSchemaFile: true, // generated in memory; `npm run generate:contracts` writes schema.gql
          sortSchema: true,
          transformSchema: describeSchema, // descriptions the decorators leave out, from the glossary
          playground: false, // GET /graphql serves the self-hosted GraphiQL instead (explorer/)
          introspection: config.GRAPHQL_INTROSPECTION, // the explorer needs it (default on)
          // Bounded documents (docs/security.md): tokens at parse, depth/aliases/subscriptions at validation,
          // cost (with variables) once the operation is resolved, and a wall-time budget during execution.
          parseOptions: { maxTokens: limits.maxTokens },
          validationRules: [limitsValidationRule],
          includeStacktraceInErrorResponses: false,
          formatError: formatGraphqlError,
          context: ({ req, reply }: { req: unknown; reply: unknown }) => ({ req, reply }),
          // Apollo's cache-control plugin is on by default and wraps every field resolution to compute
          // cache hints; nothing here caches GraphQL responses by those hints, so it is only cost.
          plugins: [
            ApolloServerPluginCacheControlDisabled(),
            graphqlErrorLogPlugin(),
            httpStatusPlugin(),
            limitsPlugin(limits),
            introspectionCachePlugin(),
          ],
          preserveHttpStatusForExecutionErrors: false, // httpStatusPlugin does it, with 503 for SERVICE_UNAVAILABLE
          // Compact JSON (Apollo pretty-prints by default): smaller answers, and a 500-variant comparison
          // is not indented over several megabytes.
          stringifyResult: (result) => JSON.stringify(result),
        }),
        HealthModule,
        AuthModule,
        DataVersionsModule,
        CatalogModule,
        ModelCatalogModule,
        GridModule,
        EstimatesModule,
        SchedulesModule,
        RunsModule,
        JobsModule,
      ],
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: APP_FILTER, useClass: AllExceptionsFilter },
      ],
      exports: [APP_CONFIG],
    };
  }
}
