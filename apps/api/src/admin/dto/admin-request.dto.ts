import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Length } from 'class-validator';
import { PlainText, Trimmed, UuidField } from '../../common/http/field-transforms';
import { PageQueryDto } from '../../common/http/page-query.dto';

export class FreezeRequestDto {
  @ApiPropertyOptional({ example: 'Suspicious activity reported', minLength: 1, maxLength: 500 })
  @IsOptional()
  @IsString()
  @PlainText()
  @Length(1, 500)
  reason?: string;
}

/** Why an admin reverses a transaction (docs/design.md §13): the owners read it, in history and email. */
export class ReverseRequestDto {
  @ApiProperty({
    example: 'Deposit typed with an extra zero',
    minLength: 1,
    maxLength: 500,
    description: "Shown to the owners of the wallets the reversal changes, as the reversal rows' memo.",
  })
  @IsString()
  @PlainText()
  @Length(1, 500)
  reason!: string;
}

export class UserSearchQueryDto extends PageQueryDto {
  @ApiPropertyOptional({
    description: 'Part of a name or an email, case-insensitive.',
    example: 'ada',
    maxLength: 254,
  })
  @IsOptional()
  @Trimmed()
  @IsString()
  @Length(1, 254)
  search?: string;
}

export class AuditLogQueryDto extends PageQueryDto {
  @ApiPropertyOptional({
    description: 'Only the actions on this user (their id); an unknown id gives an empty page.',
    format: 'uuid',
  })
  @IsOptional()
  @UuidField()
  targetUserId?: string;
}
