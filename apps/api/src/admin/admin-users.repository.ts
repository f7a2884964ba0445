import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import type { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { AdminUserResponseDto } from './dto/admin-user-response.dto';

const SELECT_ADMIN_USER = `
  SELECT u.id, u.name, u.email, u.role, u.status, u.created_at AS "createdAt",
         w.id AS "walletId", w.balance, w.frozen, w.frozen_reason AS "frozenReason"
  FROM users u LEFT JOIN wallets w ON w.user_id = u.id`;

/** `%` and `_` in a search are literal characters, not wildcards. */
function containsPattern(search: string): string {
  return `%${search.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
}

/** Users joined with their wallets, for the admin views (docs/design.md §5). */
@Injectable()
export class AdminUsersRepository {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>) {}

  async findById(id: string): Promise<AdminUserResponseDto | undefined> {
    const [user] = await this.txHost.tx.query<AdminUserResponseDto[]>(
      `${SELECT_ADMIN_USER} WHERE u.id = $1`,
      [id],
    );
    return user;
  }

  /** Newest first; `search` matches part of a name or an email, ignoring case. */
  async search(
    search: string | undefined,
    page: number,
    limit: number,
  ): Promise<{ items: AdminUserResponseDto[]; total: number }> {
    const where = search ? `WHERE u.name ILIKE $1 OR u.email ILIKE $1` : '';
    const params = search ? [containsPattern(search)] : [];
    const [items, [count]] = await Promise.all([
      this.txHost.tx.query<AdminUserResponseDto[]>(
        `${SELECT_ADMIN_USER} ${where} ORDER BY u.created_at DESC, u.id
         LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
        [...params, limit, (page - 1) * limit],
      ),
      this.txHost.tx.query<{ total: number }[]>(`SELECT count(*) AS total FROM users u ${where}`, params),
    ]);
    return { items, total: count.total };
  }
}
