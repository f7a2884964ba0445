/* generated using openapi-typescript-codegen -- do not edit */
/* istanbul ignore file */
/* tslint:disable */
/* eslint-disable */
import type { ApprovalKind } from './ApprovalKind';
import type { ApprovalStatus } from './ApprovalStatus';
export type ApprovalRequestDto = {
    /**
     * Integer cents.
     */
    amount: number;
    createdAt: string;
    decidedAt: string | null;
    /**
     * The admin who decided.
     */
    decidedBy: string | null;
    decidedByName: string | null;
    id: string;
    kind: ApprovalKind;
    /**
     * Why it was rejected.
     */
    reason: string | null;
    /**
     * The reason given with a reversal, which the owners read once it runs; null for a deposit.
     */
    requestReason: string | null;
    /**
     * The admin who asked.
     */
    requestedBy: string;
    requestedByName: string;
    status: ApprovalStatus;
    /**
     * The transaction a reversal undoes; null for a deposit.
     */
    targetTransactionId: string | null;
    /**
     * The user whose wallet the move is on.
     */
    targetUserId: string;
    targetUserName: string;
    /**
     * The transaction the approval wrote (SUCCESS, or FAILED when a rule refused it).
     */
    transactionId: string | null;
};

