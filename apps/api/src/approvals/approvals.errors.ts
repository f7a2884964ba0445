import { ApprovalStatus, ErrorCode } from '@wallet/shared';
import { DomainError } from '../common/errors/domain-error';

export class SelfApprovalError extends DomainError {
  constructor() {
    super(ErrorCode.SELF_APPROVAL, 'Four eyes: another admin must decide a request you made.');
  }
}

export class ApprovalDecidedError extends DomainError {
  constructor(status: ApprovalStatus) {
    super(ErrorCode.APPROVAL_DECIDED, `This request is already ${status}; it is decided once.`);
  }
}
