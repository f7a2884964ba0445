import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import type { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { PgErrorCode, pgErrorCode, SessionEndReason, UserEntity } from '@wallet/database';
import { UserStatus } from '@wallet/shared';
import { NotFoundError } from '../common/errors/domain-error';
import { SessionsRepository } from '../sessions/sessions.repository';
import { EmailTakenError } from './users.errors';
import { NewUser, UsersRepository } from './users.repository';

@Injectable()
export class UsersService {
  constructor(
    private readonly users: UsersRepository,
    private readonly sessions: SessionsRepository,
    private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>,
  ) {}

  /** Creates the user and its wallet in one transaction; a taken email is a 409. */
  async create(user: NewUser): Promise<UserEntity> {
    try {
      return await this.txHost.withTransaction(() => this.users.insertWithWallet(user));
    } catch (error) {
      if (pgErrorCode(error) === PgErrorCode.UNIQUE_VIOLATION) throw new EmailTakenError();
      throw error;
    }
  }

  async get(id: string): Promise<UserEntity> {
    const user = await this.users.findById(id);
    if (!user) throw new NotFoundError('User');
    return user;
  }

  /**
   * Sets a user's status under a row lock, in the caller's transaction when there is one.
   * Deactivation ends all the user's sessions in the same transaction, so their tokens stop
   * working on the next request (DESIGN §4). `check` may refuse the change for this user.
   * Returns whether anything changed: setting the current status again is a no-op.
   */
  changeStatus(id: string, status: UserStatus, check?: (user: UserEntity) => void): Promise<boolean> {
    return this.txHost.withTransaction(async () => {
      const user = await this.users.lockById(id);
      if (!user) throw new NotFoundError('User');
      check?.(user);
      if (user.status === status) return false;
      await this.users.setStatus(id, status);
      if (status === UserStatus.INACTIVE) await this.sessions.endAllForUser(id, SessionEndReason.DEACTIVATED);
      return true;
    });
  }
}
