import { Body, Controller, Get, Headers, HttpCode, HttpStatus, Post } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiHeader,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { ErrorCode, Role } from '@wallet/shared';
import {
  AuthUser,
  BeforeTotpEnrollment,
  CurrentUser,
  Public,
  SignedIn,
} from '../common/decorators/auth.decorators';
import { ApiProblems } from '../common/http/api-problems';
import { mapUser, UserResponseDto } from '../users/dto/user-response.dto';
import { UsersService } from '../users/users.service';
import { AuthService } from './auth.service';
import { AdminLoginRequestDto, LoginRequestDto, RegisterRequestDto } from './dto/auth-request.dto';
import { LoginResponseDto } from './dto/login-response.dto';
import {
  AdminRegistrationRateLimited,
  RegistrationRateLimited,
  SignInRateLimited,
} from './throttling/rate-limits';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly users: UsersService,
  ) {}

  @Post('register')
  @Public()
  @RegistrationRateLimited()
  @ApiProblems(ErrorCode.EMAIL_TAKEN)
  @ApiOperation({ summary: 'Register a user', description: 'Creates the user and an empty USD wallet.' })
  @ApiCreatedResponse({ type: UserResponseDto })
  async register(@Body() body: RegisterRequestDto): Promise<UserResponseDto> {
    return mapUser(await this.auth.register(body, Role.USER));
  }

  @Post('login')
  @Public()
  @SignInRateLimited()
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Sign in',
    description: 'Starts a session; it ends after `expiresIn` idle seconds.',
  })
  @ApiOkResponse({ type: LoginResponseDto })
  login(@Body() body: LoginRequestDto): Promise<LoginResponseDto> {
    return this.auth.login(body, false);
  }

  @Post('admin/register')
  @Public()
  @AdminRegistrationRateLimited()
  @ApiProblems(ErrorCode.FORBIDDEN, ErrorCode.ADMIN_REGISTRATION_DISABLED, ErrorCode.EMAIL_TAKEN)
  @ApiOperation({
    summary: 'Register an admin',
    description: 'Needs `X-Admin-Secret` equal to the server setting; disabled when that is unset.',
  })
  @ApiHeader({ name: 'X-Admin-Secret', required: true })
  @ApiCreatedResponse({ type: UserResponseDto })
  async registerAdmin(
    @Headers('x-admin-secret') secret: string | undefined,
    @Body() body: RegisterRequestDto,
  ): Promise<UserResponseDto> {
    this.auth.assertAdminSecret(secret);
    return mapUser(await this.auth.register(body, Role.ADMIN));
  }

  @Post('admin/login')
  @Public()
  @SignInRateLimited()
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Sign in as an admin',
    description:
      'As sign-in; a non-admin gets 401. Once the admin has a second factor, `totpCode` is required ' +
      '(a code is accepted once; a recovery code works once).',
  })
  @ApiOkResponse({ type: LoginResponseDto })
  loginAdmin(@Body() body: AdminLoginRequestDto): Promise<LoginResponseDto> {
    return this.auth.login(body, true);
  }

  @Post('refresh')
  @SignedIn()
  @BeforeTotpEnrollment()
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Refresh the token', description: 'A fresh token for the same session.' })
  @ApiOkResponse({ type: LoginResponseDto })
  refresh(@CurrentUser() user: AuthUser): Promise<LoginResponseDto> {
    return this.auth.refresh(user);
  }

  @Post('logout')
  @SignedIn()
  @BeforeTotpEnrollment()
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Sign out', description: 'Ends the session at once.' })
  @ApiNoContentResponse({ description: 'The token no longer works.' })
  logout(@CurrentUser() user: AuthUser): Promise<void> {
    return this.auth.logout(user);
  }

  @Get('me')
  @SignedIn()
  @BeforeTotpEnrollment()
  @ApiOperation({ summary: 'Who am I' })
  @ApiOkResponse({ type: UserResponseDto })
  async getMe(@CurrentUser() user: AuthUser): Promise<UserResponseDto> {
    return mapUser(await this.users.get(user.id));
  }
}
