import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import { isDatabaseUnavailableError, isTransientDatabaseError } from '@wallet/database';
import { ErrorCode } from '@wallet/shared';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DomainError } from './domain-error';
import { Problem, PROBLEM_CONTENT_TYPE, problemFor } from './problem';

/** Codes for errors raised by the framework itself (routing, body parsing, throttling). */
const CODE_BY_STATUS: Record<number, ErrorCode> = {
  [HttpStatus.BAD_REQUEST]: ErrorCode.VALIDATION_FAILED,
  [HttpStatus.UNAUTHORIZED]: ErrorCode.UNAUTHENTICATED,
  [HttpStatus.FORBIDDEN]: ErrorCode.FORBIDDEN,
  [HttpStatus.NOT_FOUND]: ErrorCode.NOT_FOUND,
  [HttpStatus.METHOD_NOT_ALLOWED]: ErrorCode.NOT_FOUND,
  [HttpStatus.PAYLOAD_TOO_LARGE]: ErrorCode.PAYLOAD_TOO_LARGE,
  [HttpStatus.UNSUPPORTED_MEDIA_TYPE]: ErrorCode.UNSUPPORTED_MEDIA_TYPE,
  [HttpStatus.TOO_MANY_REQUESTS]: ErrorCode.TOO_MANY_REQUESTS,
  [HttpStatus.SERVICE_UNAVAILABLE]: ErrorCode.SERVICE_UNAVAILABLE,
};

/** A stored answer sent again verbatim (idempotent replay of a failed money move, docs/design.md §3.6). */
export class ReplayedProblem extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail);
  }
}

/**
 * Turns every error into `application/problem+json` with a stable `code` (docs/design.md §5). Unknown
 * errors become a generic 500 carrying the request's correlation id; the stack only reaches the log.
 */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger(ProblemFilter.name);

  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    const problem = this.toProblem(error, request);
    if (problem.code === ErrorCode.SERVICE_UNAVAILABLE || problem.code === ErrorCode.IDEMPOTENCY_KEY_IN_USE) {
      reply.header('retry-after', '1');
    }
    if (error instanceof ReplayedProblem) reply.header('idempotency-replayed', 'true');
    if (problem.code === ErrorCode.TOO_MANY_REQUESTS)
      reply.header('retry-after', String(retryAfterOf(reply)));
    void reply.status(problem.status).header('content-type', PROBLEM_CONTENT_TYPE).send(problem);
  }

  private toProblem(error: unknown, request: FastifyRequest): Problem {
    if (error instanceof ReplayedProblem) return error.problem;
    if (error instanceof DomainError) return problemFor(error.code, error.detail, error.extra);
    const status = httpStatusOf(error);
    if (status !== undefined && CODE_BY_STATUS[status] !== undefined) {
      return problemFor(CODE_BY_STATUS[status], frameworkDetail(error, status));
    }
    if (isDatabaseUnavailableError(error)) {
      this.logger.warn({ err: error, reqId: request.id }, 'database unavailable');
      return problemFor(ErrorCode.SERVICE_UNAVAILABLE, 'The database did not answer; try again shortly.');
    }
    if (isTransientDatabaseError(error)) {
      this.logger.warn({ err: error, reqId: request.id }, 'database contention outlasted the retries');
      return problemFor(ErrorCode.SERVICE_UNAVAILABLE, 'The service is busy; try again shortly.');
    }
    this.logger.error({ err: error, reqId: request.id }, 'unhandled error');
    return problemFor(ErrorCode.INTERNAL_ERROR, 'An unexpected error occurred.', {
      correlationId: request.id,
    });
  }
}

function httpStatusOf(error: unknown): number | undefined {
  if (error instanceof HttpException) return error.getStatus();
  // Fastify's own errors (body parsing, content type) carry `statusCode`.
  const statusCode = (error as { statusCode?: unknown } | null)?.statusCode;
  return typeof statusCode === 'number' ? statusCode : undefined;
}

function frameworkDetail(error: unknown, status: HttpStatus): string {
  switch (status) {
    case HttpStatus.NOT_FOUND:
    case HttpStatus.METHOD_NOT_ALLOWED:
      return 'No such route.';
    case HttpStatus.PAYLOAD_TOO_LARGE:
      return 'The request body exceeds 100 kB.';
    case HttpStatus.UNSUPPORTED_MEDIA_TYPE:
      return 'Send the body as application/json.';
    case HttpStatus.TOO_MANY_REQUESTS:
      return 'Too many requests; wait a moment before trying again.';
    case HttpStatus.BAD_REQUEST:
      return error instanceof SyntaxError || /JSON/i.test(String((error as Error).message))
        ? 'The request body is not valid JSON.'
        : 'The request is not valid.';
    case HttpStatus.SERVICE_UNAVAILABLE:
      return 'The service is not ready; try again shortly.';
    default:
      return 'The request was refused.';
  }
}

/**
 * The throttler names its wait per limit (`Retry-After-ip`, `Retry-After-email`); clients look for
 * the standard header, so the longest of them is given as `Retry-After` too.
 */
function retryAfterOf(reply: FastifyReply): number {
  const waits = Object.entries(reply.getHeaders())
    .filter(([name]) => name.toLowerCase().startsWith('retry-after-'))
    .map(([, value]) => Number(value));
  return Math.max(1, ...waits.filter(Number.isFinite));
}
