import { Injectable } from '@nestjs/common';
import { Database, sql, USER_ROW_COLUMNS, type UserEntity, type UserRow } from '@wallet/database';
import { Role, UserStatus } from '@wallet/shared';

export interface NewUser {
  name: string;
  email: string;
  passwordHash: string;
  role: Role;
}

const FIND = sql<UserRow, [id: string]>(
  'user_find',
  `SELECT ${USER_ROW_COLUMNS} FROM users u WHERE u.id = $1`,
);

const FIND_FOR_LOGIN = sql<UserRow & Pick<UserEntity, 'passwordHash'>, [email: string]>(
  'user_find_for_login',
  `SELECT ${USER_ROW_COLUMNS}, u.password_hash AS "passwordHash" FROM users u WHERE u.email = $1`,
);

// docs/design.md §4: admins have no wallet. One statement, so a user never exists without theirs.
const INSERT_WITH_WALLET = sql<UserRow, [name: string, email: string, passwordHash: string, role: Role]>(
  'user_insert',
  `WITH u AS (
     INSERT INTO users (name, email, password_hash, role) VALUES ($1, $2, $3, $4)
     RETURNING id, name, email, role, status, created_at),
   wallet AS (INSERT INTO wallets (user_id) SELECT id FROM u WHERE u.role = '${Role.USER}')
   SELECT ${USER_ROW_COLUMNS} FROM u`,
);

const LOCK = sql<UserRow, [id: string]>(
  'user_lock',
  `SELECT ${USER_ROW_COLUMNS} FROM users u WHERE u.id = $1 FOR UPDATE`,
);

const LOCK_WALLET = sql<never, [userId: string]>(
  'user_lock_wallet',
  `SELECT 1 FROM wallets WHERE user_id = $1 FOR UPDATE`,
);

const SET_STATUS = sql<never, [id: string, status: UserStatus]>(
  'user_set_status',
  `UPDATE users SET status = $2, updated_at = now() WHERE id = $1`,
);

/** The only database access for users; runs in the caller's unit of work when there is one. */
@Injectable()
export class UsersRepository {
  constructor(private readonly database: Database) {}

  findById(id: string): Promise<UserRow | undefined> {
    return this.database.first(FIND, [id]);
  }

  /** With the password hash, for signing in only. */
  findByEmailForLogin(email: string): Promise<(UserRow & Pick<UserEntity, 'passwordHash'>) | undefined> {
    return this.database.first(FIND_FOR_LOGIN, [email]);
  }

  /** Inserts the user and, for role `user`, its empty wallet. */
  async insertWithWallet(user: NewUser): Promise<UserRow> {
    const [saved] = await this.database.rows(INSERT_WITH_WALLET, [
      user.name,
      user.email,
      user.passwordHash,
      user.role,
    ]);
    return saved;
  }

  /** The user, locked FOR UPDATE until the transaction ends; undefined if there is none. */
  lockById(id: string): Promise<UserRow | undefined> {
    return this.database.first(LOCK, [id]);
  }

  /** Locks the user's wallet, if they have one, as money moves do (FOR UPDATE), until the transaction ends. */
  async lockWalletOf(id: string): Promise<void> {
    await this.database.rows(LOCK_WALLET, [id]);
  }

  async setStatus(id: string, status: UserStatus): Promise<void> {
    await this.database.rowCount(SET_STATUS, [id, status]);
  }
}
