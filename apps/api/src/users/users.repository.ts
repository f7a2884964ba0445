import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import type { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { UserEntity, WalletEntity } from '@wallet/database';
import { Role, UserStatus } from '@wallet/shared';

export interface NewUser {
  name: string;
  email: string;
  passwordHash: string;
  role: Role;
}

/** The only database access for users; runs in the caller's transaction when there is one. */
@Injectable()
export class UsersRepository {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>) {}

  private get users() {
    return this.txHost.tx.getRepository(UserEntity);
  }

  findById(id: string): Promise<UserEntity | null> {
    return this.users.findOneBy({ id });
  }

  /** With the password hash, for signing in only. */
  findByEmailForLogin(email: string): Promise<UserEntity | null> {
    return this.users
      .createQueryBuilder('user')
      .addSelect('user.passwordHash')
      .where('user.email = :email', { email })
      .getOne();
  }

  /** Inserts the user and, for role `user`, its empty wallet (docs/design.md §4: admins have none). */
  async insertWithWallet(user: NewUser): Promise<UserEntity> {
    const saved = await this.users.save(this.users.create(user));
    if (user.role === Role.USER) {
      await this.txHost.tx.getRepository(WalletEntity).insert({ userId: saved.id });
    }
    return saved;
  }

  /** The user, locked FOR UPDATE until the transaction ends; null if there is none. */
  async lockById(id: string): Promise<UserEntity | null> {
    return this.users
      .createQueryBuilder('user')
      .setLock('pessimistic_write')
      .where('user.id = :id', { id })
      .getOne();
  }

  /** Locks the user's wallet, if they have one, as money moves do (FOR UPDATE), until the transaction ends. */
  async lockWalletOf(id: string): Promise<void> {
    await this.txHost.tx.query(`SELECT 1 FROM wallets WHERE user_id = $1 FOR UPDATE`, [id]);
  }

  async setStatus(id: string, status: UserStatus): Promise<void> {
    await this.users.update({ id }, { status });
  }
}
