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
   * Marks the user inactive and ends all their sessions in the same transaction, so their
   * tokens stop working on the next request (DESIGN §4). Returns whether anything changed.
   */
  deactivate(id: string): Promise<boolean> {
    return this.txHost.withTransaction(async () => {
      const user = await this.users.lockById(id);
      if (!user) throw new NotFoundError('User');
      if (user.status === UserStatus.INACTIVE) return false;
      await this.users.setStatus(id, UserStatus.INACTIVE);
      await this.sessions.endAllForUser(id, SessionEndReason.DEACTIVATED);
      return true;
    });
  }
}
