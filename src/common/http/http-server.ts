import type { FastifyInstance } from 'fastify';

/** The Fastify instance behind Nest's adapter (its raw request type differs from Fastify's default). */
export type HttpServer = FastifyInstance<any, any, any, any>;
