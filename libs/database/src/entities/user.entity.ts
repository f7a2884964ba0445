import { Role, UserStatus } from '@wallet/shared';
import {
  Column,
  CreateDateColumn,
  Entity,
  OneToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import type { Relation } from 'typeorm';
import { WalletEntity } from './wallet.entity';

@Entity('users')
export class UserEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'text' })
  name!: string;

  /** Stored trimmed and lower-cased; unique. */
  @Column({ type: 'text', unique: true })
  email!: string;

  @Column({ name: 'password_hash', type: 'text', select: false })
  passwordHash!: string;

  @Column({ type: 'text' })
  role!: Role;

  @Column({ type: 'text', default: UserStatus.ACTIVE })
  status!: UserStatus;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;

  /** Admins have none (docs/design.md §4). */
  @OneToOne(() => WalletEntity, (wallet) => wallet.user)
  wallet?: Relation<WalletEntity> | null;
}

/** A user as the API reads one: every column but the password hash and the update time. */
export type UserRow = Pick<UserEntity, 'id' | 'name' | 'email' | 'role' | 'status' | 'createdAt'>;

/** The columns of a {@link UserRow}, from `users` aliased `u`. */
export const USER_ROW_COLUMNS = `u.id, u.name, u.email, u.role, u.status, u.created_at AS "createdAt"`;
