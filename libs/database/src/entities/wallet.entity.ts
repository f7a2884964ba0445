import type { Cents } from '@wallet/shared';
import {
  Column,
  CreateDateColumn,
  Entity,
  JoinColumn,
  OneToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import type { Relation } from 'typeorm';
import { UserEntity } from './user.entity';

@Entity('wallets')
export class WalletEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'user_id', type: 'uuid', unique: true })
  userId!: string;

  @OneToOne(() => UserEntity, (user) => user.wallet)
  @JoinColumn({ name: 'user_id' })
  user?: Relation<UserEntity>;

  /** Integer cents; `CHECK (balance >= 0)` in the schema (docs/design.md §2). */
  @Column({ type: 'bigint', default: 0 })
  balance!: Cents;

  /** One currency (docs/design.md §2): every wallet is created with the default, and nothing changes it. */
  @Column({ type: 'char', length: 3, default: 'USD' })
  currency!: 'USD';

  @Column({ type: 'boolean', default: false })
  frozen!: boolean;

  @Column({ name: 'frozen_reason', type: 'text', nullable: true })
  frozenReason!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
