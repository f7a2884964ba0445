import { Controller, HttpCode, HttpStatus, Post } from '@nestjs/common';
import { ApiNoContentResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Role, UserStatus } from '@wallet/shared';
import { AuthUser, CurrentUser, Roles } from '../common/decorators/auth.decorators';
import { UsersService } from './users.service';

@ApiTags('users')
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Post('me/deactivate')
  @Roles(Role.USER)
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({
    summary: 'Deactivate my account',
    description: 'Ends every session of the caller at once. Only an admin can activate the account again.',
  })
  @ApiNoContentResponse({ description: 'Deactivated; the token no longer works.' })
  async deactivateMe(@CurrentUser() user: AuthUser): Promise<void> {
    await this.users.changeStatus(user.id, UserStatus.INACTIVE);
  }
}
