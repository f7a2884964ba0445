import { ApiProperty } from '@nestjs/swagger';

export class DailyLimitDto {
  @ApiProperty({ type: 'integer', example: 10000, description: 'Cents allowed per calendar day.' })
  limit!: number;

  @ApiProperty({ type: 'integer', example: 2500, description: 'Cents used today by SUCCESS moves.' })
  used!: number;

  @ApiProperty({ type: 'integer', example: 7500 })
  remaining!: number;

  @ApiProperty({ type: String, format: 'date-time', description: 'When `used` starts again from zero.' })
  resetsAt!: Date;
}

export class WalletLimitsDto {
  @ApiProperty({ type: DailyLimitDto })
  withdraw!: DailyLimitDto;

  @ApiProperty({ type: DailyLimitDto })
  transfer!: DailyLimitDto;
}

export class WalletResponseDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ type: 'integer', example: 12345, description: 'Integer cents: 12345 is $123.45.' })
  balance!: number;

  @ApiProperty({ enum: ['USD'], example: 'USD' })
  currency!: 'USD';

  @ApiProperty({ description: 'A frozen wallet can neither send nor receive money.' })
  frozen!: boolean;

  @ApiProperty({
    type: String,
    nullable: true,
    example: null,
    description: 'What the admin gave as the reason.',
  })
  frozenReason!: string | null;

  @ApiProperty({ type: WalletLimitsDto })
  limits!: WalletLimitsDto;
}
