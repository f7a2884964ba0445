import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ErrorCode, MONEY_RULE_CODES, Role } from '@wallet/shared';
import { AuthUser, CurrentUser, Roles } from '../common/decorators/auth.decorators';
import { Idempotency, IdempotentAnswer, type IdempotencyScope } from '../idempotency/idempotent-answer';
import { IdempotentRoute } from '../idempotency/idempotent-route.decorator';
import { AmountRequestDto, TransferRequestDto } from './dto/money-request.dto';
import { TransactionQueryDto } from './dto/transaction-query.dto';
import { TransactionPageDto, TransactionResponseDto } from './dto/transaction-response.dto';
import { WalletResponseDto } from './dto/wallet-response.dto';
import { WalletService } from './wallet.service';

@ApiTags('wallet')
@Roles(Role.USER)
@Controller('wallet')
export class WalletController {
  constructor(private readonly wallet: WalletService) {}

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
      "Answers the sender's `transfer_out` row; the recipient gets a `transfer_in` row and an email.",
  })
  @ApiCreatedResponse({ type: TransactionResponseDto })
  transfer(
    @Idempotency() scope: IdempotencyScope,
    @Body() body: TransferRequestDto,
  ): Promise<IdempotentAnswer<TransactionResponseDto>> {
    return this.wallet.transfer(scope, body.recipientEmail, body.amount);
  }

  @Get('transactions')
  @ApiOperation({ summary: 'My history', description: 'Newest first; filter by type and status.' })
  @ApiOkResponse({ type: TransactionPageDto })
  getTransactions(
    @CurrentUser() user: AuthUser,
    @Query() query: TransactionQueryDto,
  ): Promise<TransactionPageDto> {
    return this.wallet.history(user.id, query, user);
  }
}
