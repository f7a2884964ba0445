import { ApiProperty } from '@nestjs/swagger';
import { IsString, Matches } from 'class-validator';
import type { AdminTotpRow } from '../totp.repository';

export class TotpSetupResponseDto {
  @ApiProperty({
    description: 'The Base32 secret, for typing into an app by hand.',
    example: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP',
  })
  secret!: string;

  @ApiProperty({
    description: 'The same secret as an `otpauth://` URL, for a QR code.',
    example:
      'otpauth://totp/Digital%20Wallet:ada%40example.com?secret=JBSWY3DPEHPK3PXP&issuer=Digital%20Wallet',
  })
  otpauthUrl!: string;
}

export class TotpEnableRequestDto {
  @ApiProperty({ description: 'The 6 digits the app shows now.', example: '123456', pattern: '^\\d{6}$' })
  @IsString()
  @Matches(/^\d{6}$/, { message: 'code must be the 6 digits of the authenticator app' })
  code!: string;
}

export class TotpEnableResponseDto {
  @ApiProperty({
    type: [String],
    minItems: 10,
    maxItems: 10,
    description: 'Ten codes, each usable once instead of the app; shown only this once.',
    example: ['7k2m-9qwe-4tzr-h8vn'],
  })
  recoveryCodes!: string[];
}

export class TotpStatusResponseDto {
  @ApiProperty()
  enabled!: boolean;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  enabledAt!: Date | null;

  @ApiProperty({ type: 'integer', example: 10, description: 'Recovery codes not used yet.' })
  recoveryCodesLeft!: number;
}

export function mapTotpStatus(
  row: AdminTotpRow | undefined,
  recoveryCodesLeft: number,
): TotpStatusResponseDto {
  const enabledAt = row?.enabledAt ?? null;
  return {
    enabled: enabledAt !== null,
    enabledAt,
    recoveryCodesLeft: enabledAt === null ? 0 : recoveryCodesLeft,
  };
}
