import {
  Body,
  Controller,
  Get,
  HttpCode,
  HttpStatus,
  Param,
  Post,
  Query,
  StreamableFile,
} from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBody,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import { ErrorCode, Role } from '@wallet/shared';
import { AuthUser, CurrentUser, Roles } from '../common/decorators/auth.decorators';
import { ApiProblems } from '../common/http/api-problems';
import { UuidParamPipe } from '../common/http/uuid-param.pipe';
import { Idempotency, IdempotentAnswer, type IdempotencyScope } from '../idempotency/idempotent-answer';
import { IdempotentRoute } from '../idempotency/idempotent-route.decorator';
import { AmountRequestDto } from '../wallet/dto/money-request.dto';
import { BalanceQueryDto, StatementQueryDto, TransactionQueryDto } from '../wallet/dto/transaction-query.dto';
import {
  BalanceAtResponseDto,
  StatementResponseDto,
  TransactionPageDto,
  TransactionResponseDto,
} from '../wallet/dto/transaction-response.dto';
import { StatementsService } from '../wallet/statements.service';
import { ApiCsvStatement } from '../wallet/wallet.controller';
import { ApprovalRequestDto } from '../approvals/dto/approval.dto';
import { TotpService } from '../totp/totp.service';
import { AdminService } from './admin.service';
import {
  AuditLogQueryDto,
  FreezeRequestDto,
  ReverseRequestDto,
  UserSearchQueryDto,
} from './dto/admin-request.dto';
import { AdminUserPageDto, AdminUserResponseDto } from './dto/admin-user-response.dto';
import { AuditLogPageDto } from './dto/audit-log-entry.dto';

/** The `:id` of the user routes: anything but a UUID is a 400 (UuidParamPipe), and the spec says so. */
const ApiUserIdParam = () => ApiParam({ name: 'id', format: 'uuid', description: "The user's id." });

@ApiTags('admin')
@Roles(Role.ADMIN)
@Controller('admin')
export class AdminController {
  constructor(
    private readonly admin: AdminService,
    private readonly statements: StatementsService,
    private readonly totp: TotpService,
  ) {}

  @Get('users')
  @ApiOperation({
    summary: 'List users',
    description: 'Newest first; `search` matches part of a name or email.',
  })
  @ApiOkResponse({ type: AdminUserPageDto })
  listUsers(@Query() query: UserSearchQueryDto): Promise<AdminUserPageDto> {
    return this.admin.list(query);
  }

  @ApiUserIdParam()
  @Get('users/:id')
  @ApiProblems(ErrorCode.NOT_FOUND)
  @ApiOperation({ summary: 'One user with their wallet' })
  @ApiOkResponse({ type: AdminUserResponseDto })
  getUser(@Param('id', UuidParamPipe) userId: string): Promise<AdminUserResponseDto> {
    return this.admin.get(userId);
  }

  @ApiUserIdParam()
  @Get('users/:id/transactions')
  @ApiProblems(ErrorCode.NOT_FOUND, ErrorCode.ADMIN_ACCOUNT)
  @ApiOperation({ summary: "A user's history", description: 'As GET /wallet/transactions, for any user.' })
  @ApiOkResponse({ type: TransactionPageDto })
  getUserTransactions(
    @Param('id', UuidParamPipe) userId: string,
    @Query() query: TransactionQueryDto,
  ): Promise<TransactionPageDto> {
    return this.admin.history(userId, query);
  }

  @ApiUserIdParam()
  @Get('users/:id/balance')
  @ApiProblems(ErrorCode.NOT_FOUND, ErrorCode.ADMIN_ACCOUNT)
  @ApiOperation({
    summary: "A user's balance at an instant",
    description: 'As GET /wallet/balance, for any user.',
  })
  @ApiOkResponse({ type: BalanceAtResponseDto })
  getUserBalanceAt(
    @Param('id', UuidParamPipe) userId: string,
    @Query() query: BalanceQueryDto,
  ): Promise<BalanceAtResponseDto> {
    return this.statements.balanceAt(userId, query.at);
  }

  @ApiUserIdParam()
  @Get('users/:id/statement')
  @ApiProblems(ErrorCode.NOT_FOUND, ErrorCode.ADMIN_ACCOUNT)
  @ApiOperation({ summary: "A user's statement", description: 'As GET /wallet/statement, for any user.' })
  @ApiProduces('application/json')
  @ApiOkResponse({ type: StatementResponseDto })
  getUserStatement(
    @Param('id', UuidParamPipe) userId: string,
    @Query() query: StatementQueryDto,
  ): Promise<StreamableFile> {
    return this.statements.statement(userId, query.from, query.to, 'json');
  }

  @ApiUserIdParam()
  @Get('users/:id/statement.csv')
  @ApiProblems(ErrorCode.NOT_FOUND, ErrorCode.ADMIN_ACCOUNT)
  @ApiOperation({
    summary: "A user's statement as CSV",
    description: 'As GET /wallet/statement.csv, for any user.',
  })
  @ApiCsvStatement()
  getUserStatementCsv(
    @Param('id', UuidParamPipe) userId: string,
    @Query() query: StatementQueryDto,
  ): Promise<StreamableFile> {
    return this.statements.statement(userId, query.from, query.to, 'csv');
  }

  @ApiParam({ name: 'id', format: 'uuid', description: 'The ledger row to reverse.' })
  @Post('transactions/:id/reverse')
  @IdempotentRoute(
    ErrorCode.NOT_FOUND,
    ErrorCode.NOT_REVERSIBLE,
    ErrorCode.ALREADY_REVERSED,
    ErrorCode.INSUFFICIENT_FUNDS,
  )
  @ApiOperation({
    summary: 'Reverse a transaction',
    description:
      'Undoes a SUCCESS deposit, withdrawal or transfer (both legs) with new `reversal` rows, frozen wallets ' +
      'included, counting toward no daily limit; the original stays as it was and shows `reversedById`. ' +
      'Answers the reversal row on the wallet of the row named. Audited; the owners are emailed the reason. ' +
      "Of a row above the server's approval threshold it is not executed but requested (202): another admin " +
      'approves it.',
  })
  @ApiCreatedResponse({ type: TransactionResponseDto })
  @ApiAcceptedResponse({
    type: ApprovalRequestDto,
    description: 'A row of more than the approval threshold: waiting for another admin.',
  })
  reverse(
    @Idempotency() scope: IdempotencyScope,
    @Param('id', UuidParamPipe) transactionId: string,
    @Body() body: ReverseRequestDto,
  ): Promise<IdempotentAnswer<TransactionResponseDto | ApprovalRequestDto>> {
    return this.admin.reverse(scope, transactionId, body.reason);
  }

  @ApiUserIdParam()
  @Post('users/:id/deposit')
  @IdempotentRoute(ErrorCode.NOT_FOUND, ErrorCode.ADMIN_ACCOUNT, ErrorCode.WALLET_FROZEN)
  @ApiOperation({
    summary: "Deposit into a user's wallet",
    description:
      'No daily limit; refused (422, recorded as FAILED) when the wallet is frozen. Audited. Above the ' +
      "server's approval threshold it is not executed but requested (202): another admin approves it.",
  })
  @ApiCreatedResponse({ type: TransactionResponseDto })
  @ApiAcceptedResponse({
    type: ApprovalRequestDto,
    description: 'Above the threshold: waiting for another admin.',
  })
  deposit(
    @Idempotency() scope: IdempotencyScope,
    @Param('id', UuidParamPipe) userId: string,
    @Body() body: AmountRequestDto,
  ): Promise<IdempotentAnswer<TransactionResponseDto | ApprovalRequestDto>> {
    return this.admin.deposit(scope, userId, body.amount);
  }

  @ApiUserIdParam()
  @Post('users/:id/freeze')
  @HttpCode(HttpStatus.OK)
  @ApiProblems(ErrorCode.NOT_FOUND, ErrorCode.ADMIN_ACCOUNT)
  @ApiOperation({
    summary: "Freeze a user's wallet",
    description:
      'Blocks withdrawals, transfers in and out, and deposits; the user can still sign in and read. Audited.',
  })
  @ApiOkResponse({ type: AdminUserResponseDto })
  @ApiBody({
    type: FreezeRequestDto,
    required: false,
    description: 'May be left out: the reason is optional.',
  })
  freeze(
    @CurrentUser() admin: AuthUser,
    @Param('id', UuidParamPipe) userId: string,
    @Body() body: FreezeRequestDto,
  ): Promise<AdminUserResponseDto> {
    return this.admin.freeze(admin.id, userId, body.reason ?? null);
  }

  @ApiUserIdParam()
  @Post('users/:id/unfreeze')
  @HttpCode(HttpStatus.OK)
  @ApiProblems(ErrorCode.NOT_FOUND, ErrorCode.ADMIN_ACCOUNT)
  @ApiOperation({ summary: "Unfreeze a user's wallet", description: 'Audited, with the optional reason.' })
  @ApiOkResponse({ type: AdminUserResponseDto })
  @ApiBody({
    type: FreezeRequestDto,
    required: false,
    description: 'May be left out: the reason is optional.',
  })
  unfreeze(
    @CurrentUser() admin: AuthUser,
    @Param('id', UuidParamPipe) userId: string,
    @Body() body: FreezeRequestDto,
  ): Promise<AdminUserResponseDto> {
    return this.admin.unfreeze(admin.id, userId, body.reason ?? null);
  }

  @ApiUserIdParam()
  @Post('users/:id/activate')
  @HttpCode(HttpStatus.OK)
  @ApiProblems(ErrorCode.NOT_FOUND, ErrorCode.ADMIN_ACCOUNT)
  @ApiOperation({ summary: 'Activate a user', description: 'They can sign in again. Audited.' })
  @ApiOkResponse({ type: AdminUserResponseDto })
  activate(
    @CurrentUser() admin: AuthUser,
    @Param('id', UuidParamPipe) userId: string,
  ): Promise<AdminUserResponseDto> {
    return this.admin.activate(admin.id, userId);
  }

  @ApiUserIdParam()
  @Post('users/:id/deactivate')
  @HttpCode(HttpStatus.OK)
  @ApiProblems(ErrorCode.NOT_FOUND, ErrorCode.ADMIN_ACCOUNT)
  @ApiOperation({
    summary: 'Deactivate a user',
    description: 'Ends their sessions at once; sign-in is refused. Audited.',
  })
  @ApiOkResponse({ type: AdminUserResponseDto })
  deactivate(
    @CurrentUser() admin: AuthUser,
    @Param('id', UuidParamPipe) userId: string,
  ): Promise<AdminUserResponseDto> {
    return this.admin.deactivate(admin.id, userId);
  }

  @ApiUserIdParam()
  @Post('users/:id/totp/reset')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiProblems(ErrorCode.NOT_FOUND)
  @ApiOperation({
    summary: "Reset another admin's second factor",
    description:
      'For an admin who lost their device: their TOTP secret and recovery codes are removed, so they sign in ' +
      'with the password alone and enrol again. Never on oneself (403). Audited.',
  })
  @ApiNoContentResponse({ description: 'Removed, or there was none.' })
  async resetTotp(
    @CurrentUser() admin: AuthUser,
    @Param('id', UuidParamPipe) adminId: string,
  ): Promise<void> {
    await this.totp.reset(admin.id, adminId);
  }

  @Get('audit-log')
  @ApiOperation({
    summary: 'Audit log',
    description: 'Every admin action, newest first; `targetUserId` keeps those on one user.',
  })
  @ApiOkResponse({ type: AuditLogPageDto })
  getAuditLog(@Query() query: AuditLogQueryDto): Promise<AuditLogPageDto> {
    return this.admin.auditLog(query);
  }
}
