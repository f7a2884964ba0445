import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { ErrorCode, ERROR_STATUS } from '@wallet/shared';
import { PROBLEM_CONTENT_TYPE } from '../common/errors/problem';
import { ProblemDto } from '../common/http/api-problems';

type Operation = NonNullable<OpenAPIObject['paths'][string]['get']>;
const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;

/** The OpenAPI document of the app: served at /docs-json and written to openapi.json. */
export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Digital Wallet API')
    .setDescription(
      'A USD wallet. Amounts are integer cents (2500 is $25.00). Errors are `application/problem+json` ' +
        'with a stable `code`. Money moves need an `Idempotency-Key` header; repeating a request with the ' +
        'same key replays the first answer. Sessions end after `expiresIn` seconds without a request.',
    )
    .setVersion('1.0.0')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' })
    .build();
  const document = SwaggerModule.createDocument(app, config, {
    // Method names are unique across controllers, so they make readable SDK methods.
    operationIdFactory: (_controller, method) => method,
    extraModels: [ProblemDto],
  });
  for (const path of Object.values(document.paths)) {
    for (const method of METHODS) {
      const operation = path[method];
      if (operation) {
        documentCommonProblems(operation);
        closeRequestBody(document, operation);
      }
    }
  }
  return document;
}

/**
 * The validation pipe refuses properties a request DTO does not declare (forbidNonWhitelisted), so
 * a request body's schema allows no others. Response schemas stay open, for clients to tolerate
 * fields added later.
 */
function closeRequestBody(document: OpenAPIObject, operation: Operation): void {
  const body = operation.requestBody as
    { content?: Record<string, { schema?: { $ref?: string } }> } | undefined;
  for (const { schema } of Object.values(body?.content ?? {})) {
    const name = schema?.$ref?.replace('#/components/schemas/', '');
    const component = name ? document.components?.schemas?.[name] : undefined;
    if (component && !('$ref' in component)) component.additionalProperties = false;
  }
}

/** What any route may answer besides its own refusals (docs/design.md §5). */
function documentCommonProblems(operation: Operation): void {
  const codes = [ErrorCode.INTERNAL_ERROR, ErrorCode.SERVICE_UNAVAILABLE];
  if (operation.requestBody) {
    codes.push(ErrorCode.VALIDATION_FAILED, ErrorCode.PAYLOAD_TOO_LARGE, ErrorCode.UNSUPPORTED_MEDIA_TYPE);
  } else if (operation.parameters?.length) {
    codes.push(ErrorCode.VALIDATION_FAILED);
  }
  for (const code of codes) {
    const status = String(ERROR_STATUS[code]);
    const existing = operation.responses[status] as { description?: string } | undefined;
    if (existing?.description?.split(', ').includes(code)) continue;
    operation.responses[status] = {
      description: existing?.description ? `${existing.description}, ${code}` : code,
      content: { [PROBLEM_CONTENT_TYPE]: { schema: { $ref: '#/components/schemas/ProblemDto' } } },
    };
  }
}

/** Swagger UI at /docs, with "Authorize" for the bearer token; the live spec at /docs-json. */
export function setUpSwaggerUi(app: INestApplication): void {
  SwaggerModule.setup('docs', app, () => buildOpenApiDocument(app), {
    jsonDocumentUrl: 'docs-json',
    yamlDocumentUrl: 'docs-yaml',
    swaggerOptions: { persistAuthorization: true },
  });
}

/** JSON with object keys sorted, so the written spec only changes when the API does. */
export function stableJson(value: unknown): string {
  const sort = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(sort);
    if (node && typeof node === 'object') {
      return Object.fromEntries(
        Object.keys(node)
          .sort()
          .map((key) => [key, sort((node as Record<string, unknown>)[key])]),
      );
    }
    return node;
  };
  return `${JSON.stringify(sort(value), null, 2)}\n`;
}
