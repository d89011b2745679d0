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
    // The client went away mid-body (e.g. a POST /v1/jobs upload cancelled): nobody is there to answer and
    // it is no server fault, so it is an info line, not an error.
    if (clientAborted(exception, request)) {
      this.logger.log({ msg: 'client closed the request before its body ended', reqId: request?.id, url: request?.url });
      return;
    }
    const apiError = toApiError(exception);
    if (apiError.status >= 500) {
      this.logger.error({ msg: 'unhandled error', err: exception, reqId: request?.id, url: request?.url });
    }
    if (apiError.retryAfterSeconds !== undefined) reply.header('Retry-After', String(apiError.retryAfterSeconds));
    void reply.status(apiError.status).send(errorBody(apiError));
  }
}

function clientAborted(exception: unknown, request: FastifyRequest | undefined): boolean {
  const e = exception as { code?: unknown; message?: unknown } | null;
  const aborted =
    !!e && (e.code === 'ECONNRESET' || e.code === 'ERR_STREAM_PREMATURE_CLOSE') && /aborted|premature/i.test(String(e.message));
  return aborted && !!request && !request.raw.complete;
}
