import { applyDecorators } from '@nestjs/common';
import {
  ApiExtraModels,
  ApiProperty,
  ApiPropertyOptional,
  ApiResponse,
  getSchemaPath,
} from '@nestjs/swagger';
import { ERROR_STATUS, ErrorCode } from '@wallet/shared';
import { PROBLEM_CONTENT_TYPE } from '../errors/problem';

export class FieldErrorDto {
  @ApiProperty({ example: 'amount' })
  field!: string;

  @ApiProperty({ type: [String], example: ['amount must be a whole number of cents'] })
  messages!: string[];
}

/** The problem+json body of every error (RFC 9457, docs/design.md §5). */
export class ProblemDto {
  @ApiProperty({ example: 'urn:wallet:problem:insufficient-funds' })
  type!: string;

  @ApiProperty({ example: 'Not enough money in the wallet' })
  title!: string;

  @ApiProperty({ type: 'integer', example: 422 })
  status!: number;

  @ApiProperty({ example: 'The balance is lower than the amount.' })
  detail!: string;

  @ApiProperty({ enum: ErrorCode, enumName: 'ErrorCode', example: ErrorCode.INSUFFICIENT_FUNDS })
  code!: ErrorCode;

  @ApiPropertyOptional({ type: [FieldErrorDto], description: 'On 400: which fields are wrong.' })
  errors?: FieldErrorDto[];

  @ApiPropertyOptional({ format: 'uuid', description: 'On a refused money move: its FAILED row.' })
  transactionId?: string;

  @ApiPropertyOptional({ description: 'On 500: quote it when reporting the problem.' })
  correlationId?: string;
}

/** Documents that a route can answer these codes, as problem+json. */
export function ApiProblems(...codes: ErrorCode[]): MethodDecorator & ClassDecorator {
  const byStatus = new Map<number, ErrorCode[]>();
  for (const code of codes)
    byStatus.set(ERROR_STATUS[code], [...(byStatus.get(ERROR_STATUS[code]) ?? []), code]);
  return applyDecorators(
    ApiExtraModels(ProblemDto),
    ...[...byStatus].map(([status, statusCodes]) =>
      ApiResponse({
        status,
        description: statusCodes.join(', '),
        content: { [PROBLEM_CONTENT_TYPE]: { schema: { $ref: getSchemaPath(ProblemDto) } } },
      }),
    ),
  );
}
