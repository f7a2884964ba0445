import { Injectable } from '@nestjs/common';
import {
  Database,
  dynamicSql,
  type PageRequest,
  type RowsPage,
  sql,
  USER_ROW_COLUMNS,
  type UserRow,
  type WalletEntity,
} from '@wallet/database';

/** A user joined with their wallet; the wallet's columns are null for admins (docs/design.md §4). */
export type AdminUserRow = UserRow & {
  walletId: string | null;
  balance: WalletEntity['balance'] | null;
  frozen: WalletEntity['frozen'] | null;
  frozenReason: WalletEntity['frozenReason'] | null;
};

const SELECT_ADMIN_USER = `
  SELECT ${USER_ROW_COLUMNS}, w.id AS "walletId", w.balance, w.frozen, w.frozen_reason AS "frozenReason"
  FROM users u LEFT JOIN wallets w ON w.user_id = u.id`;

const FIND = sql<AdminUserRow, [id: string]>('admin_user_find', `${SELECT_ADMIN_USER} WHERE u.id = $1`);

// Planned with the value bound (unnamed), so an absent search folds away.
const MATCHES = `($1::text IS NULL OR u.name ILIKE $1 OR u.email ILIKE $1)`;
const SEARCH = {
  items: dynamicSql<AdminUserRow, [pattern: string | null, limit: number, offset: number]>(
    `${SELECT_ADMIN_USER} WHERE ${MATCHES} ORDER BY u.created_at DESC, u.id LIMIT $2 OFFSET $3`,
  ),
  count: dynamicSql<{ total: number }, [pattern: string | null]>(
    `SELECT count(*)::int AS total FROM users u WHERE ${MATCHES}`,
  ),
};

/** `%` and `_` in a search are literal characters, not wildcards. */
function containsPattern(search: string): string {
  return `%${search.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
}

/** Users joined with their wallets, for the admin views (docs/design.md §5). */
@Injectable()
export class AdminUsersRepository {
  constructor(private readonly database: Database) {}

  findById(id: string): Promise<AdminUserRow | undefined> {
    return this.database.first(FIND, [id]);
  }

  /** Newest first; `search` matches part of a name or an email, ignoring case. */
  search(search: string | undefined, request: PageRequest): Promise<RowsPage<AdminUserRow>> {
    return this.database.page(SEARCH, [search ? containsPattern(search) : null], request);
  }
}
