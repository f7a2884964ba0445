import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsOptional, IsString, Length, MaxLength } from 'class-validator';
import { NormalizedEmail, PlainText } from '../../common/http/field-transforms';

/**
 * Emails are compared normalized everywhere (NormalizedEmail). Internationalized addresses are
 * accepted, hence `idn-email` (RFC 6531) rather than `email` in the spec.
 */
const EmailField = (): PropertyDecorator =>
  applyDecorators(
    ApiProperty({ format: 'idn-email', example: 'ada@example.com', maxLength: 254 }),
    NormalizedEmail(),
    IsEmail({}, { message: 'email must be a valid email address' }),
    MaxLength(254),
  );

export class LoginRequestDto {
  @EmailField()
  email!: string;

  @ApiProperty({ example: 'correct horse battery staple', minLength: 1, maxLength: 128 })
  @IsString()
  @Length(1, 128)
  password!: string;
}

/** docs/design.md §15: an admin with a second factor also sends its code. */
export class AdminLoginRequestDto extends LoginRequestDto {
  @ApiPropertyOptional({
    description:
      'The 6 digits of the authenticator app, or one of the recovery codes; required once the admin has ' +
      'turned the second factor on (401 `TOTP_REQUIRED` without it).',
    example: '123456',
    minLength: 1,
    maxLength: 64,
  })
  @IsOptional()
  @IsString()
  @Length(1, 64)
  totpCode?: string;
}

export class RegisterRequestDto {
  @ApiProperty({ example: 'Ada Lovelace', minLength: 1, maxLength: 100 })
  @IsString()
  @PlainText()
  @Length(1, 100)
  name!: string;

  @EmailField()
  email!: string;

  @ApiProperty({ example: 'correct horse battery staple', minLength: 8, maxLength: 128 })
  @IsString()
  @Length(8, 128, { message: 'password must be between 8 and 128 characters' })
  password!: string;
}
