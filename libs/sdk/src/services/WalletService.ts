/* generated using openapi-typescript-codegen -- do not edit */
/* istanbul ignore file */
/* tslint:disable */
/* eslint-disable */
import type { AmountRequestDto } from '../models/AmountRequestDto';
import type { BalanceAtResponseDto } from '../models/BalanceAtResponseDto';
import type { StatementResponseDto } from '../models/StatementResponseDto';
import type { TransactionPageDto } from '../models/TransactionPageDto';
import type { TransactionResponseDto } from '../models/TransactionResponseDto';
import type { TransactionStatus } from '../models/TransactionStatus';
import type { TransactionType } from '../models/TransactionType';
import type { TransferRequestDto } from '../models/TransferRequestDto';
import type { WalletResponseDto } from '../models/WalletResponseDto';
import type { CancelablePromise } from '../core/CancelablePromise';
import type { BaseHttpRequest } from '../core/BaseHttpRequest';
export class WalletService {
    constructor(public readonly httpRequest: BaseHttpRequest) {}
    /**
     * My wallet
     * Balance, frozen flag and today's limits.
     * @returns WalletResponseDto
     * @throws ApiError
     */
    public getWallet(): CancelablePromise<WalletResponseDto> {
        return this.httpRequest.request({
            method: 'GET',
            url: '/api/v1/wallet',
            errors: {
                401: `UNAUTHENTICATED, SESSION_EXPIRED`,
                403: `FORBIDDEN`,
                500: `INTERNAL_ERROR`,
                503: `SERVICE_UNAVAILABLE`,
            },
        });
    }
    /**
     * My balance at an instant
     * The balance just after the last SUCCESS row at or before `at`; 0 before the first.
     * @returns BalanceAtResponseDto
     * @throws ApiError
     */
    public getBalanceAt({
        at,
    }: {
        /**
         * The balance just after the last SUCCESS row at or before this instant (ISO 8601).
         */
        at: string,
    }): CancelablePromise<BalanceAtResponseDto> {
        return this.httpRequest.request({
            method: 'GET',
            url: '/api/v1/wallet/balance',
            query: {
                'at': at,
            },
            errors: {
                400: `VALIDATION_FAILED`,
                401: `UNAUTHENTICATED, SESSION_EXPIRED`,
                403: `FORBIDDEN`,
                500: `INTERNAL_ERROR`,
                503: `SERVICE_UNAVAILABLE`,
            },
        });
    }
    /**
     * My statement
     * Every row of [from, to), oldest first, with the balances just before `from` and `to`.
     * @returns StatementResponseDto
     * @throws ApiError
     */
    public getStatement({
        from,
        to,
    }: {
        /**
         * The first instant of the statement (ISO 8601), included.
         */
        from: string,
        /**
         * The end of the statement (ISO 8601), excluded: the range is [from, to).
         */
        to: string,
    }): CancelablePromise<StatementResponseDto> {
        return this.httpRequest.request({
            method: 'GET',
            url: '/api/v1/wallet/statement',
            query: {
                'from': from,
                'to': to,
            },
            errors: {
                400: `VALIDATION_FAILED`,
                401: `UNAUTHENTICATED, SESSION_EXPIRED`,
                403: `FORBIDDEN`,
                500: `INTERNAL_ERROR`,
                503: `SERVICE_UNAVAILABLE`,
            },
        });
    }
    /**
     * My statement as CSV
     * As GET /wallet/statement, one line per row.
     * @returns string A header line `id,createdAt,type,status,amount,balanceAfter,counterparty,memo,failureReason`, then one line per row, oldest first (RFC 4180). Amounts in dollars with two decimals, debits negative.
     * @throws ApiError
     */
    public getStatementCsv({
        from,
        to,
    }: {
        /**
         * The first instant of the statement (ISO 8601), included.
         */
        from: string,
        /**
         * The end of the statement (ISO 8601), excluded: the range is [from, to).
         */
        to: string,
    }): CancelablePromise<string> {
        return this.httpRequest.request({
            method: 'GET',
            url: '/api/v1/wallet/statement.csv',
            query: {
                'from': from,
                'to': to,
            },
            errors: {
                400: `VALIDATION_FAILED`,
                401: `UNAUTHENTICATED, SESSION_EXPIRED`,
                403: `FORBIDDEN`,
                500: `INTERNAL_ERROR`,
                503: `SERVICE_UNAVAILABLE`,
            },
        });
    }
    /**
     * My history
     * Newest first; filter by type, status, the range [from, to) and the amount.
     * @returns TransactionPageDto
     * @throws ApiError
     */
    public getTransactions({
        page = 1,
        limit = 20,
        type,
        status,
        from,
        to,
        minAmount,
        maxAmount,
    }: {
        page?: number,
        limit?: number,
        type?: TransactionType,
        status?: TransactionStatus,
        /**
         * Rows at or after this instant (ISO 8601).
         */
        from?: string,
        /**
         * Rows strictly before this instant (ISO 8601): the range is [from, to).
         */
        to?: string,
        /**
         * Rows of at least this many cents.
         */
        minAmount?: number,
        /**
         * Rows of at most this many cents; not below minAmount.
         */
        maxAmount?: number,
    }): CancelablePromise<TransactionPageDto> {
        return this.httpRequest.request({
            method: 'GET',
            url: '/api/v1/wallet/transactions',
            query: {
                'page': page,
                'limit': limit,
                'type': type,
                'status': status,
                'from': from,
                'to': to,
                'minAmount': minAmount,
                'maxAmount': maxAmount,
            },
            errors: {
                400: `VALIDATION_FAILED`,
                401: `UNAUTHENTICATED, SESSION_EXPIRED`,
                403: `FORBIDDEN`,
                500: `INTERNAL_ERROR`,
                503: `SERVICE_UNAVAILABLE`,
            },
        });
    }
    /**
     * Transfer money to another user
     * Answers the sender's `transfer_out` row; the recipient gets a `transfer_in` row and an email. The optional memo is on both rows and in the email.
     * @returns TransactionResponseDto
     * @throws ApiError
     */
    public transfer({
        idempotencyKey,
        requestBody,
    }: {
        /**
         * A unique value per money move (1–255 printable ASCII). Retrying with the same key and body replays the first answer with `Idempotency-Replayed: true`; another body gets 422.
         */
        idempotencyKey: string,
        requestBody: TransferRequestDto,
    }): CancelablePromise<TransactionResponseDto> {
        return this.httpRequest.request({
            method: 'POST',
            url: '/api/v1/wallet/transfer',
            headers: {
                'Idempotency-Key': idempotencyKey,
            },
            body: requestBody,
            mediaType: 'application/json',
            errors: {
                400: `IDEMPOTENCY_KEY_MISSING, VALIDATION_FAILED`,
                401: `UNAUTHENTICATED, SESSION_EXPIRED`,
                403: `FORBIDDEN`,
                409: `IDEMPOTENCY_KEY_IN_USE`,
                413: `PAYLOAD_TOO_LARGE`,
                415: `UNSUPPORTED_MEDIA_TYPE`,
                422: `IDEMPOTENCY_KEY_REUSED, WALLET_FROZEN, RECIPIENT_NOT_FOUND, SELF_TRANSFER, RECIPIENT_UNAVAILABLE, DAILY_LIMIT_EXCEEDED, INSUFFICIENT_FUNDS`,
                500: `INTERNAL_ERROR`,
                503: `SERVICE_UNAVAILABLE`,
            },
        });
    }
    /**
     * Withdraw money
     * Refused (422, recorded as FAILED) when frozen, over the daily limit or over the balance.
     * @returns TransactionResponseDto
     * @throws ApiError
     */
    public withdraw({
        idempotencyKey,
        requestBody,
    }: {
        /**
         * A unique value per money move (1–255 printable ASCII). Retrying with the same key and body replays the first answer with `Idempotency-Replayed: true`; another body gets 422.
         */
        idempotencyKey: string,
        requestBody: AmountRequestDto,
    }): CancelablePromise<TransactionResponseDto> {
        return this.httpRequest.request({
            method: 'POST',
            url: '/api/v1/wallet/withdraw',
            headers: {
                'Idempotency-Key': idempotencyKey,
            },
            body: requestBody,
            mediaType: 'application/json',
            errors: {
                400: `IDEMPOTENCY_KEY_MISSING, VALIDATION_FAILED`,
                401: `UNAUTHENTICATED, SESSION_EXPIRED`,
                403: `FORBIDDEN`,
                409: `IDEMPOTENCY_KEY_IN_USE`,
                413: `PAYLOAD_TOO_LARGE`,
                415: `UNSUPPORTED_MEDIA_TYPE`,
                422: `IDEMPOTENCY_KEY_REUSED, WALLET_FROZEN, DAILY_LIMIT_EXCEEDED, INSUFFICIENT_FUNDS`,
                500: `INTERNAL_ERROR`,
                503: `SERVICE_UNAVAILABLE`,
            },
        });
    }
}
