import type { ApolloServerPlugin } from '@apollo/server';
import { Logger } from '@nestjs/common';
import { formatGraphqlError } from './graphql-error.formatter';

/** Where the request id is: Fastify's request in the GraphQL context (see app.module.ts). */
interface GraphqlContext {
  req?: { id?: string };
}

/**
 * Logs every GraphQL error that answers as a 5xx (INTERNAL_ERROR and other server-side codes), with the
 * request id, the operation and the field path, so a client's report can be found in the logs. The
 * client sees only the formatted error (no internals); 4xx errors are the client's and are not logged.
 */
export function graphqlErrorLogPlugin(logger = new Logger('GraphQL')): ApolloServerPlugin<GraphqlContext> {
  return {
    async requestDidStart() {
      return {
        async didEncounterErrors({ errors, contextValue, operationName }) {
          for (const error of errors) {
            const status = formatGraphqlError(error.toJSON(), error).extensions?.status;
            if (typeof status !== 'number' || status < 500) continue;
            logger.error({
              msg: 'graphql error',
              err: error.originalError ?? error,
              reqId: contextValue.req?.id,
              operationName: operationName ?? null,
              path: error.path?.join('.') ?? null,
              status,
            });
          }
        },
      };
    },
  };
}
