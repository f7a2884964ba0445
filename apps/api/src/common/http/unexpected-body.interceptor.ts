import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import type { FastifyRequest } from 'fastify';
import type { Observable } from 'rxjs';
import { ValidationFailedError } from '../errors/domain-error';

/**
 * docs/design.md §5: unknown body fields are a 400. The validation pipe enforces that for routes that
 * take a body DTO, but never sees the body of a route without one (logout, refresh, activate…),
 * where `{"status": "inactive"}` or `{"role": "admin"}` would be silently ignored while the action
 * runs. Such routes accept no body, or an empty JSON object, and refuse anything else.
 */
@Injectable()
export class UnexpectedBodyInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() === 'http' && !takesBody(context.getClass(), context.getHandler().name)) {
      const body = context.switchToHttp().getRequest<FastifyRequest>().body;
      if (!isEmpty(body)) throw unexpectedBody(body);
    }
    return next.handle();
  }
}

/**
 * Whether the handler has a `@Body()` parameter, from the metadata Nest's own parameter decorators
 * write. That key is not public API: unexpected-body.interceptor.spec.ts fails if an upgrade moves
 * it (and every route with a body would then refuse its body, loudly, rather than accept one).
 */
export function takesBody(controller: object, handler: string): boolean {
  const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, handler) ?? {}) as Record<
    string,
    unknown
  >;
  return Object.keys(args).some((key) => key.split(':')[0] === String(RouteParamtypes.BODY));
}

function isEmpty(body: unknown): boolean {
  return (
    body === undefined ||
    (typeof body === 'object' && body !== null && !Array.isArray(body) && Object.keys(body).length === 0)
  );
}

function unexpectedBody(body: unknown): ValidationFailedError {
  const fields =
    typeof body === 'object' && body !== null && !Array.isArray(body)
      ? Object.keys(body).map((field) => ({ field, messages: [`property ${field} should not exist`] }))
      : [{ field: 'body', messages: ['this route takes no body'] }];
  return new ValidationFailedError(fields, 'This route takes no request body.');
}
