import { applyDecorators, Body, Controller, Get, Post, Query, StreamableFile } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { ErrorCode, MONEY_RULE_CODES, Role } from '@wallet/shared';
import { AuthUser, CurrentUser, Roles } from '../common/decorators/auth.decorators';
import { Idempotency, IdempotentAnswer, type IdempotencyScope } from '../idempotency/idempotent-answer';
import { IdempotentRoute } from '../idempotency/idempotent-route.decorator';
import { AmountRequestDto, TransferRequestDto } from './dto/money-request.dto';
import { BalanceQueryDto, StatementQueryDto, TransactionQueryDto } from './dto/transaction-query.dto';
import {
  BalanceAtResponseDto,
  StatementResponseDto,
  TransactionPageDto,
  TransactionResponseDto,
} from './dto/transaction-response.dto';
import { WalletResponseDto } from './dto/wallet-response.dto';
import { StatementsService } from './statements.service';
import { WalletService } from './wallet.service';

/** The CSV statement's answer in the spec (docs/design.md §13). */
export const ApiCsvStatement = (): MethodDecorator =>
  applyDecorators(
    ApiProduces('text/csv'),
    ApiOkResponse({
      description:
        'A header line `id,createdAt,type,status,amount,balanceAfter,counterparty,memo,failureReason`, then one ' +
        'line per row, oldest first (RFC 4180). Amounts in dollars with two decimals, debits negative.',
      content: { 'text/csv': { schema: { type: 'string' } } },
    }),
  );

@ApiTags('wallet')
@Roles(Role.USER)
@Controller('wallet')
export class WalletController {
  constructor(
    private readonly wallet: WalletService,
    private readonly statements: StatementsService,
  ) {}

  @Get()
  @ApiOperation({ summary: 'My wallet', description: "Balance, frozen flag and today's limits." })
  @ApiOkResponse({ type: WalletResponseDto })
  getWallet(@CurrentUser() user: AuthUser): Promise<WalletResponseDto> {
    return this.wallet.view(user);
  }

  @Post('withdraw')
  @IdempotentRoute(ErrorCode.WALLET_FROZEN, ErrorCode.DAILY_LIMIT_EXCEEDED, ErrorCode.INSUFFICIENT_FUNDS)
  @ApiOperation({
    summary: 'Withdraw money',
    description: 'Refused (422, recorded as FAILED) when frozen, over the daily limit or over the balance.',
  })
  @ApiCreatedResponse({ type: TransactionResponseDto })
  withdraw(
    @Idempotency() scope: IdempotencyScope,
    @Body() body: AmountRequestDto,
  ): Promise<IdempotentAnswer<TransactionResponseDto>> {
    return this.wallet.withdraw(scope, body.amount);
  }

  @Post('transfer')
  @IdempotentRoute(...MONEY_RULE_CODES)
  @ApiOperation({
    summary: 'Transfer money to another user',
    description:
      "Answers the sender's `transfer_out` row; the recipient gets a `transfer_in` row and an email. The optional " +
      'memo is on both rows and in the email.',
  })
  @ApiCreatedResponse({ type: TransactionResponseDto })
  transfer(
    @Idempotency() scope: IdempotencyScope,
    @Body() body: TransferRequestDto,
  ): Promise<IdempotentAnswer<TransactionResponseDto>> {
    return this.wallet.transfer(scope, body.recipientEmail, body.amount, body.memo ?? null);
  }

  @Get('transactions')
  @ApiOperation({
    summary: 'My history',
    description: 'Newest first; filter by type, status, the range [from, to) and the amount.',
  })
  @ApiOkResponse({ type: TransactionPageDto })
  getTransactions(
    @CurrentUser() user: AuthUser,
    @Query() query: TransactionQueryDto,
  ): Promise<TransactionPageDto> {
    return this.wallet.history(user.id, query, user);
  }

  @Get('balance')
  @ApiOperation({
    summary: 'My balance at an instant',
    description: 'The balance just after the last SUCCESS row at or before `at`; 0 before the first.',
  })
  @ApiOkResponse({ type: BalanceAtResponseDto })
  getBalanceAt(
    @CurrentUser() user: AuthUser,
    @Query() query: BalanceQueryDto,
  ): Promise<BalanceAtResponseDto> {
    return this.statements.balanceAt(user.id, query.at);
  }

  @Get('statement')
  @ApiOperation({
    summary: 'My statement',
    description: 'Every row of [from, to), oldest first, with the balances just before `from` and `to`.',
  })
  @ApiProduces('application/json')
  @ApiOkResponse({ type: StatementResponseDto })
  getStatement(@CurrentUser() user: AuthUser, @Query() query: StatementQueryDto): Promise<StreamableFile> {
    return this.statements.statement(user.id, query.from, query.to, 'json');
  }

  @Get('statement.csv')
  @ApiOperation({
    summary: 'My statement as CSV',
    description: 'As GET /wallet/statement, one line per row.',
  })
  @ApiCsvStatement()
  getStatementCsv(@CurrentUser() user: AuthUser, @Query() query: StatementQueryDto): Promise<StreamableFile> {
    return this.statements.statement(user.id, query.from, query.to, 'csv');
  }
}
