/* generated using openapi-typescript-codegen -- do not edit */
/* istanbul ignore file */
/* tslint:disable */
/* eslint-disable */
import type { TransactionStatus } from './TransactionStatus';
import type { TransactionType } from './TransactionType';
export type TransactionResponseDto = {
    /**
     * Integer cents.
     */
    amount: number;
    /**
     * The wallet balance right after this move, in cents.
     */
    balanceAfter: number;
    /**
     * The other party: the admin for a deposit, the other user for a transfer, null for a withdrawal.
     */
    counterpartyName: string | null;
    createdAt: string;
    /**
     * Why a FAILED move was refused; null on SUCCESS.
     */
    failureReason: 'WALLET_FROZEN' | 'RECIPIENT_NOT_FOUND' | 'SELF_TRANSFER' | 'RECIPIENT_UNAVAILABLE' | 'DAILY_LIMIT_EXCEEDED' | 'INSUFFICIENT_FUNDS' | null;
    id: string;
    /**
     * A transfer's memo, on both rows; on a reversal, the admin's reason. Null when none (docs/design.md §13).
     */
    memo: string | null;
    /**
     * The `reversal` row that undid this one, once reversed.
     */
    reversedById: string | null;
    /**
     * On a `reversal` row: the row it undoes.
     */
    reversesId: string | null;
    status: TransactionStatus;
    /**
     * Shared by both rows of a transfer.
     */
    transferId: string | null;
    type: TransactionType;
};

