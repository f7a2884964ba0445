import { ApiProperty } from '@nestjs/swagger';
import { PageDto } from '../../common/http/page.dto';
import { MONEY_RULE_CODES, TransactionStatus, TransactionType } from '@wallet/shared';
import type { MoneyRuleCode } from '@wallet/shared';
import type { TransactionRow } from '../transactions.repository';

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

  @ApiProperty({
    type: String,
    nullable: true,
    example: 'Rent, March',
    description:
      "A transfer's memo, on both rows; on a reversal, the admin's reason. Null when none (docs/design.md §13).",
  })
  memo!: string | null;

  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'On a `reversal` row: the row it undoes.',
  })
  reversesId!: string | null;

  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'The `reversal` row that undid this one, once reversed.',
  })
  reversedById!: string | null;

  @ApiProperty({ type: String, format: 'date-time' })
  createdAt!: Date;
}

/** What an answer shows of a ledger row: everything but its wallet and counterparty ids. */
export type TransactionFields = Omit<TransactionRow, 'walletId' | 'counterpartyUserId'>;

/** The one mapping of a ledger row to its answer (docs/design.md §5), for every route. */
export function mapTransaction(row: TransactionFields): TransactionResponseDto {
  return {
    id: row.id,
    type: row.type,
    amount: row.amount,
    status: row.status,
    failureReason: row.failureReason,
    counterpartyName: row.counterpartyName,
    balanceAfter: row.balanceAfter,
    transferId: row.transferId,
    memo: row.memo,
    reversesId: row.reversesId,
    reversedById: row.reversedById,
    createdAt: row.createdAt,
  };
}

export class TransactionPageDto extends PageDto(TransactionResponseDto) {}

/** `GET /wallet/balance?at=` (docs/design.md §13). */
export class BalanceAtResponseDto {
  @ApiProperty({ type: String, format: 'date-time', description: 'The instant asked for.' })
  at!: Date;

  @ApiProperty({
    type: 'integer',
    example: 7500,
    description: 'Cents: the balance just after the last SUCCESS row at or before `at`; 0 before the first.',
  })
  balance!: number;
}

/** A statement for [from, to) (docs/design.md §13); sent as a stream, described here. */
export class StatementResponseDto {
  @ApiProperty({ type: String, format: 'date-time' })
  from!: Date;

  @ApiProperty({ type: String, format: 'date-time' })
  to!: Date;

  @ApiProperty({ type: 'integer', example: 2500, description: 'Cents: the balance just before `from`.' })
  openingBalance!: number;

  @ApiProperty({ type: 'integer', example: 7500, description: 'Cents: the balance just before `to`.' })
  closingBalance!: number;

  @ApiProperty({ type: [TransactionResponseDto], description: 'Every row of the range, oldest first.' })
  items!: TransactionResponseDto[];
}
