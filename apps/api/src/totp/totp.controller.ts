import { Body, Controller, Get, HttpCode, HttpStatus, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ErrorCode, Role } from '@wallet/shared';
import { TotpCodeRateLimited } from '../auth/throttling/rate-limits';
import { AuthUser, BeforeTotpEnrollment, CurrentUser, Roles } from '../common/decorators/auth.decorators';
import { ApiProblems } from '../common/http/api-problems';
import {
  TotpEnableRequestDto,
  TotpEnableResponseDto,
  TotpSetupResponseDto,
  TotpStatusResponseDto,
} from './dto/totp.dto';
import { TotpService } from './totp.service';

/** An admin's own second factor (docs/design.md §15); reachable before enrolment, even when it is required. */
@ApiTags('auth')
@Roles(Role.ADMIN)
@BeforeTotpEnrollment()
@Controller('auth/admin/totp')
export class TotpController {
  constructor(private readonly totp: TotpService) {}

  @Get()
  @ApiOperation({
    summary: 'Whether my second factor is on',
    description: 'And how many recovery codes are left.',
  })
  @ApiOkResponse({ type: TotpStatusResponseDto })
  totpStatus(@CurrentUser() admin: AuthUser): Promise<TotpStatusResponseDto> {
    return this.totp.status(admin.id);
  }

  @Post('setup')
  @HttpCode(HttpStatus.OK)
  @ApiProblems(ErrorCode.TOTP_ALREADY_ENABLED)
  @ApiOperation({
    summary: 'Start setting up a second factor',
    description:
      'A new TOTP secret (RFC 6238: 30 s, 6 digits) and its `otpauth://` URL for a QR code. It is off until ' +
      'confirmed by `enable`; asking again before that replaces it.',
  })
  @ApiOkResponse({ type: TotpSetupResponseDto })
  setupTotp(@CurrentUser() admin: AuthUser): Promise<TotpSetupResponseDto> {
    return this.totp.setup(admin.id);
  }

  @Post('enable')
  @HttpCode(HttpStatus.OK)
  @TotpCodeRateLimited()
  @ApiProblems(ErrorCode.TOTP_CODE_INVALID, ErrorCode.TOTP_ALREADY_ENABLED)
  @ApiOperation({
    summary: 'Turn the second factor on',
    description:
      'With a first code of the app. Answers ten recovery codes, each usable once in place of a code, ' +
      'shown only now. From then on admin sign-in needs `totpCode`. Audited.',
  })
  @ApiOkResponse({ type: TotpEnableResponseDto })
  enableTotp(
    @CurrentUser() admin: AuthUser,
    @Body() body: TotpEnableRequestDto,
  ): Promise<TotpEnableResponseDto> {
    return this.totp.enable(admin.id, body.code);
  }
}
