import { Injectable } from '@nestjs/common';
import { Database, dynamicSql, type PageRequest, type RowsPage, sql } from '@wallet/database';
import { AuditAction } from '@wallet/shared';

export interface AuditEntry {
  adminId: string;
  action: AuditAction;
  targetUserId: string;
  detail: string | null;
}

/** An audit entry with the names of the admin and of the user acted on. */
export interface AuditLogRow extends AuditEntry {
  id: number;
  adminName: string;
  targetUserName: string;
  createdAt: Date;
}

const ADD = sql<never, [adminId: string, action: AuditAction, targetUserId: string, detail: string | null]>(
  'audit_log_add',
  `INSERT INTO audit_log (admin_id, action, target_user_id, detail) VALUES ($1, $2, $3, $4)`,
);

// Planned with the value bound (unnamed), so an absent filter folds away and a given one uses the
// index `audit_log_by_target`.
const MATCHES = `($1::uuid IS NULL OR a.target_user_id = $1)`;
const PAGE = {
  items: dynamicSql<AuditLogRow, [targetUserId: string | null, limit: number, offset: number]>(
    `SELECT a.id, a.admin_id AS "adminId", admin.name AS "adminName", a.action,
            a.target_user_id AS "targetUserId", target.name AS "targetUserName", a.detail,
            a.created_at AS "createdAt"
     FROM audit_log a
     JOIN users admin ON admin.id = a.admin_id
     JOIN users target ON target.id = a.target_user_id
     WHERE ${MATCHES}
     ORDER BY a.id DESC
     LIMIT $2 OFFSET $3`,
  ),
  count: dynamicSql<{ total: number }, [targetUserId: string | null]>(
    `SELECT count(*)::int AS total FROM audit_log a WHERE ${MATCHES}`,
  ),
};

@Injectable()
export class AuditLogRepository {
  constructor(private readonly database: Database) {}

  /** In the caller's unit of work: the row exists iff the change it records commits. */
  async add(entry: AuditEntry): Promise<void> {
    await this.database.rowCount(ADD, [entry.adminId, entry.action, entry.targetUserId, entry.detail]);
  }

  /** Newest first; only the actions on `targetUserId` when given. */
  page(request: PageRequest, targetUserId?: string): Promise<RowsPage<AuditLogRow>> {
    return this.database.page(PAGE, [targetUserId ?? null], request);
  }
}
