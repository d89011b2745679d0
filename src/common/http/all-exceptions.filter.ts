import { ArgumentsHost, Catch, ExceptionFilter, Logger } from '@nestjs/common';
import type { GqlContextType } from '@nestjs/graphql';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { errorBody, toApiError } from '../errors/api-error';

/** REST rendering of every error: `{ error: { code, message, details } }` with the mapped status. */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('HttpError');

  catch(exception: unknown, host: ArgumentsHost) {
    if (host.getType<GqlContextType>() === 'graphql') throw exception; // rendered by the GraphQL formatter
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const request = host.switchToHttp().getRequest<FastifyRequest>();
    const apiError = toApiError(exception);
    if (apiError.status >= 500) {
      this.logger.error({ msg: 'unhandled error', err: exception, reqId: request?.id, url: request?.url });
    }
    if (apiError.retryAfterSeconds !== undefined) reply.header('Retry-After', String(apiError.retryAfterSeconds));
    void reply.status(apiError.status).send(errorBody(apiError));
  }
}
