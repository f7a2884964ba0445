import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import type { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { AuditAction } from '@wallet/shared';
import { AuditLogEntryDto } from './dto/audit-log-entry.dto';

export interface AuditEntry {
  adminId: string;
  action: AuditAction;
  targetUserId: string;
  detail: string | null;
}

@Injectable()
export class AuditLogRepository {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>) {}

  /** In the caller's transaction: the row exists iff the change it records commits. */
  async add(entry: AuditEntry): Promise<void> {
    await this.txHost.tx.query(
      `INSERT INTO audit_log (admin_id, action, target_user_id, detail) VALUES ($1, $2, $3, $4)`,
      [entry.adminId, entry.action, entry.targetUserId, entry.detail],
    );
  }

  /** Newest first; only the actions on `targetUserId` when given (index `audit_log_by_target`). */
  async page(
    page: number,
    limit: number,
    targetUserId?: string,
  ): Promise<{ items: AuditLogEntryDto[]; total: number }> {
    // Planned with the value bound, so an absent filter folds away and a given one uses the index.
    const matches = `($1::uuid IS NULL OR a.target_user_id = $1)`;
    const target = targetUserId ?? null;
    const [items, [count]] = await Promise.all([
      this.txHost.tx.query<AuditLogEntryDto[]>(
        `SELECT a.id, a.admin_id AS "adminId", admin.name AS "adminName", a.action,
                a.target_user_id AS "targetUserId", target.name AS "targetUserName", a.detail,
                a.created_at AS "createdAt"
         FROM audit_log a
         JOIN users admin ON admin.id = a.admin_id
         JOIN users target ON target.id = a.target_user_id
         WHERE ${matches}
         ORDER BY a.id DESC
         LIMIT $2 OFFSET $3`,
        [target, limit, (page - 1) * limit],
      ),
      this.txHost.tx.query<{ total: number }[]>(
        `SELECT count(*) AS total FROM audit_log a WHERE ${matches}`,
        [target],
      ),
    ]);
    return { items, total: count.total };
  }
}
