import { ApiProperty } from '@nestjs/swagger';
import { PageDto } from '../../common/http/page.dto';
import { MONEY_RULE_CODES, TransactionStatus, TransactionType } from '@wallet/shared';
import type { MoneyRuleCode } from '@wallet/shared';

export class TransactionResponseDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ enum: TransactionType, enumName: 'TransactionType' })
  type!: TransactionType;

  @ApiProperty({ type: 'integer', example: 2500, description: 'Integer cents.' })
  amount!: number;

  @ApiProperty({ enum: TransactionStatus, enumName: 'TransactionStatus' })
  status!: TransactionStatus;

  @ApiProperty({
    enum: MONEY_RULE_CODES,
    enumName: 'FailureReason',
    nullable: true,
    type: String,
    description: 'Why a FAILED move was refused; null on SUCCESS.',
  })
  failureReason!: MoneyRuleCode | null;

  @ApiProperty({
    type: String,
    nullable: true,
    example: 'Grace Hopper',
    description:
      'The other party: the admin for a deposit, the other user for a transfer, null for a withdrawal.',
  })
  counterpartyName!: string | null;

  @ApiProperty({
    type: 'integer',
    example: 7500,
    description: 'The wallet balance right after this move, in cents.',
  })
  balanceAfter!: number;

  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'Shared by both rows of a transfer.',
  })
  transferId!: string | null;

  @ApiProperty({ type: String, format: 'date-time' })
  createdAt!: Date;
}

export class TransactionPageDto extends PageDto(TransactionResponseDto) {}
