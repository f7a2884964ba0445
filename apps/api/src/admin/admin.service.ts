import { Injectable } from '@nestjs/common';
import { Cents } from '@wallet/shared';
import { UsersService } from '../users/users.service';
import { TransactionResponseDto } from '../wallet/dto/transaction-response.dto';
import { WalletService } from '../wallet/wallet.service';

/** What admins do to accounts (DESIGN §4, §5). */
@Injectable()
export class AdminService {
  constructor(
    private readonly users: UsersService,
    private readonly wallet: WalletService,
  ) {}

  async deposit(adminId: string, userId: string, amount: Cents): Promise<TransactionResponseDto> {
    const admin = await this.users.get(adminId);
    return this.wallet.deposit({ id: admin.id, name: admin.name }, userId, amount);
  }
}
