import { Injectable } from '@nestjs/common';
import { UnitOfWork, type UserRow } from '@wallet/database';
import { AuditAction, Cents, Role, UserStatus } from '@wallet/shared';
import { ApprovalsService } from '../approvals/approvals.service';
import { ApprovalRequestDto } from '../approvals/dto/approval.dto';
import { NotFoundError } from '../common/errors/domain-error';
import { UsersService } from '../users/users.service';
import { TransactionQueryDto } from '../wallet/dto/transaction-query.dto';
import { TransactionPageDto, TransactionResponseDto } from '../wallet/dto/transaction-response.dto';
import { AdminAccountError } from '../wallet/wallet.errors';
import type { IdempotentAnswer, IdempotencyScope } from '../idempotency/idempotent-answer';
import { WalletService } from '../wallet/wallet.service';
import { AdminUsersRepository } from './admin-users.repository';
import { AuditLogRepository } from './audit-log.repository';
import { AdminUserPageDto, AdminUserResponseDto, mapAdminUser } from './dto/admin-user-response.dto';
import { AuditLogPageDto, mapAuditLogEntry } from './dto/audit-log-entry.dto';
import { mapPage } from '../common/http/page.dto';
import { AuditLogQueryDto, UserSearchQueryDto } from './dto/admin-request.dto';

/**
 * What admins do to accounts (docs/design.md §2, §4, §5). Each action and its audit row are one unit of
 * work; repeating an action that is already in effect changes nothing and writes no audit row.
 */
@Injectable()
export class AdminService {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly users: UsersService,
    private readonly adminUsers: AdminUsersRepository,
    private readonly wallet: WalletService,
    private readonly audit: AuditLogRepository,
    private readonly approvals: ApprovalsService,
  ) {}

  async list(query: UserSearchQueryDto): Promise<AdminUserPageDto> {
    return mapPage(await this.adminUsers.search(query.search, query), query, mapAdminUser);
  }

  async get(userId: string): Promise<AdminUserResponseDto> {
    const user = await this.adminUsers.findById(userId);
    if (!user) throw new NotFoundError('User');
    return mapAdminUser(user);
  }

  history(userId: string, query: TransactionQueryDto): Promise<TransactionPageDto> {
    return this.wallet.history(userId, query);
  }

  async auditLog(query: AuditLogQueryDto): Promise<AuditLogPageDto> {
    return mapPage(await this.audit.page(query, query.targetUserId), query, mapAuditLogEntry);
  }

  /**
   * A refused deposit is audited too: the attempt and its FAILED row both commit. Above
   * `APPROVAL_THRESHOLD` it is requested of another admin instead (docs/design.md §15).
   */
  deposit(
    scope: IdempotencyScope,
    userId: string,
    amount: Cents,
  ): Promise<IdempotentAnswer<TransactionResponseDto | ApprovalRequestDto>> {
    return this.approvals.deposit(scope, userId, amount);
  }

  /**
   * docs/design.md §13: audited in the reversal's own transaction, refused ones too. Of more than
   * `APPROVAL_THRESHOLD` it is requested of another admin instead (docs/design.md §15).
   */
  reverse(
    scope: IdempotencyScope,
    transactionId: string,
    reason: string,
  ): Promise<IdempotentAnswer<TransactionResponseDto | ApprovalRequestDto>> {
    return this.approvals.reverse(scope, transactionId, reason);
  }

  freeze(adminId: string, userId: string, reason: string | null): Promise<AdminUserResponseDto> {
    return this.act(adminId, userId, AuditAction.FREEZE, reason ?? 'no reason given', () =>
      this.wallet.setFrozen(userId, true, reason),
    );
  }

  unfreeze(adminId: string, userId: string, reason: string | null): Promise<AdminUserResponseDto> {
    return this.act(adminId, userId, AuditAction.UNFREEZE, reason, () =>
      this.wallet.setFrozen(userId, false, null),
    );
  }

  activate(adminId: string, userId: string): Promise<AdminUserResponseDto> {
    return this.act(adminId, userId, AuditAction.ACTIVATE, null, () =>
      this.users.changeStatus(userId, UserStatus.ACTIVE, refuseAdminAccount),
    );
  }

  /** Ends the user's sessions at once (docs/design.md §4). */
  deactivate(adminId: string, userId: string): Promise<AdminUserResponseDto> {
    return this.act(adminId, userId, AuditAction.DEACTIVATE, null, () =>
      this.users.changeStatus(userId, UserStatus.INACTIVE, refuseAdminAccount),
    );
  }

  /** Runs `change` and, when it changed something, its audit row, in one transaction; answers the user after. */
  private async act(
    adminId: string,
    userId: string,
    action: AuditAction,
    detail: string | null,
    change: () => Promise<boolean>,
  ): Promise<AdminUserResponseDto> {
    await this.unitOfWork.run(async () => {
      if (await change()) await this.audit.add({ adminId, action, targetUserId: userId, detail });
    });
    return this.get(userId);
  }
}

/** Admin accounts are not managed through these actions (refused with a clear code). */
function refuseAdminAccount(user: UserRow): void {
  if (user.role === Role.ADMIN)
    throw new AdminAccountError('Admin accounts cannot be activated or deactivated here.');
}
