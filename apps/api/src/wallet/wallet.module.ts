import { Module } from '@nestjs/common';
import { IdempotencyModule } from '../idempotency/idempotency.module';
import { MessagingModule } from '@wallet/messaging';
import { UsersModule } from '../users/users.module';
import { MoneyMovesRepository } from './money-moves.repository';
import { TransactionsRepository } from './transactions.repository';
import { WalletCache } from './wallet-cache';
import { WalletController } from './wallet.controller';
import { StatementsService } from './statements.service';
import { WalletService } from './wallet.service';
import { WalletsRepository } from './wallets.repository';

@Module({
  imports: [IdempotencyModule, MessagingModule, UsersModule],
  controllers: [WalletController],
  providers: [
    WalletService,
    StatementsService,
    MoneyMovesRepository,
    WalletsRepository,
    TransactionsRepository,
    WalletCache,
  ],
  exports: [WalletService, StatementsService],
})
export class WalletModule {}
