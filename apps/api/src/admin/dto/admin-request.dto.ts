import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsOptional, IsString, Length } from 'class-validator';
import { PageQueryDto } from '../../common/http/page-query.dto';

const trim = ({ value }: { value: unknown }): unknown => (typeof value === 'string' ? value.trim() : value);

export class FreezeRequestDto {
  @ApiPropertyOptional({ example: 'Suspicious activity reported', maxLength: 500 })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Length(1, 500)
  reason?: string;
}

export class UserSearchQueryDto extends PageQueryDto {
  @ApiPropertyOptional({
    description: 'Part of a name or an email, case-insensitive.',
    example: 'ada',
    maxLength: 254,
  })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Length(1, 254)
  search?: string;
}
