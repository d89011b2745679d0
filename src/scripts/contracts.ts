import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { lexicographicSortSchema, printSchema } from 'graphql';
import { buildOpenApiDocument } from '../app.factory';

/** The public contracts as committed files: `schema.gql` and `docs/openapi.json`. */
export function renderContracts(app: NestFastifyApplication): { schema: string; openapi: string } {
  const { schema } = app.get(GraphQLSchemaHost);
  const header =
    '# ------------------------------------------------------\n# THIS FILE WAS AUTOMATICALLY GENERATED (npm run generate:contracts)\n# ------------------------------------------------------\n\n';
  return {
    schema: header + printSchema(lexicographicSortSchema(schema)) + '\n',
    openapi: JSON.stringify(buildOpenApiDocument(app), null, 2) + '\n',
  };
}
