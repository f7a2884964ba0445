import { Body, Controller, Param, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Role } from '@wallet/shared';
import { AuthUser, CurrentUser, Roles } from '../common/decorators/auth.decorators';
import { UuidParamPipe } from '../common/http/uuid-param.pipe';
import { IdempotentRoute } from '../idempotency/idempotent-route.decorator';
import { AmountRequestDto } from '../wallet/dto/money-request.dto';
import { TransactionResponseDto } from '../wallet/dto/transaction-response.dto';
import { AdminService } from './admin.service';

@ApiTags('admin')
@Roles(Role.ADMIN)
@Controller('admin')
export class AdminController {
  constructor(private readonly admin: AdminService) {}

  @Post('users/:id/deposit')
  @IdempotentRoute()
  @ApiOperation({
    summary: "Deposit into a user's wallet",
    description: 'No daily limit; refused (422, recorded as FAILED) when the wallet is frozen.',
  })
  @ApiCreatedResponse({ type: TransactionResponseDto })
  deposit(
    @CurrentUser() admin: AuthUser,
    @Param('id', UuidParamPipe) userId: string,
    @Body() body: AmountRequestDto,
  ): Promise<TransactionResponseDto> {
    return this.admin.deposit(admin.id, userId, body.amount);
  }
}
