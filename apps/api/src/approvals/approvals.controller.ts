import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { ErrorCode, Role } from '@wallet/shared';
import { AuthUser, CurrentUser, Roles } from '../common/decorators/auth.decorators';
import { ApiProblems } from '../common/http/api-problems';
import { UuidParamPipe } from '../common/http/uuid-param.pipe';
import { TransactionResponseDto } from '../wallet/dto/transaction-response.dto';
import { ApprovalsService } from './approvals.service';
import {
  ApprovalQueryDto,
  ApprovalRequestDto,
  ApprovalRequestPageDto,
  RejectRequestDto,
} from './dto/approval.dto';

const ApiRequestIdParam = () => ApiParam({ name: 'id', format: 'uuid', description: "The request's id." });

/** Four eyes (docs/design.md §15): requests made by one admin, decided by another. */
@ApiTags('admin')
@Roles(Role.ADMIN)
@Controller('admin/approvals')
export class ApprovalsController {
  constructor(private readonly approvals: ApprovalsService) {}

  @Get()
  @ApiOperation({
    summary: 'List four-eyes requests',
    description: 'Newest first; `status=pending` for those waiting for a decision.',
  })
  @ApiOkResponse({ type: ApprovalRequestPageDto })
  listApprovals(@Query() query: ApprovalQueryDto): Promise<ApprovalRequestPageDto> {
    return this.approvals.list(query);
  }

  @ApiRequestIdParam()
  @Post(':id/approve')
  @ApiProblems(
    ErrorCode.NOT_FOUND,
    ErrorCode.SELF_APPROVAL,
    ErrorCode.APPROVAL_DECIDED,
    ErrorCode.WALLET_FROZEN,
    ErrorCode.ADMIN_ACCOUNT,
    ErrorCode.NOT_REVERSIBLE,
    ErrorCode.ALREADY_REVERSED,
    ErrorCode.INSUFFICIENT_FUNDS,
  )
  @ApiOperation({
    summary: 'Approve a request',
    description:
      "Runs the requested move now, once, in the requester's name (201 with its Transaction). Not by the " +
      'requester (403 `SELF_APPROVAL`); a decided request is 409 `APPROVAL_DECIDED`. A money rule that refuses ' +
      'the move (422 or 409) still decides the request. Audited.',
  })
  @ApiCreatedResponse({ type: TransactionResponseDto })
  approveRequest(
    @CurrentUser() admin: AuthUser,
    @Param('id', UuidParamPipe) requestId: string,
  ): Promise<TransactionResponseDto> {
    return this.approvals.approve(admin.id, requestId);
  }

  @ApiRequestIdParam()
  @Post(':id/reject')
  @HttpCode(HttpStatus.OK)
  @ApiProblems(ErrorCode.NOT_FOUND, ErrorCode.SELF_APPROVAL, ErrorCode.APPROVAL_DECIDED)
  @ApiOperation({
    summary: 'Reject a request',
    description: 'Nothing moves; the reason is kept. Not by the requester; decided once. Audited.',
  })
  @ApiOkResponse({ type: ApprovalRequestDto })
  rejectRequest(
    @CurrentUser() admin: AuthUser,
    @Param('id', UuidParamPipe) requestId: string,
    @Body() body: RejectRequestDto,
  ): Promise<ApprovalRequestDto> {
    return this.approvals.reject(admin.id, requestId, body.reason);
  }
}
