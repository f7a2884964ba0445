/* generated using openapi-typescript-codegen -- do not edit */
/* istanbul ignore file */
/* tslint:disable */
/* eslint-disable */
import type { AdminUserPageDto } from '../models/AdminUserPageDto';
import type { AdminUserResponseDto } from '../models/AdminUserResponseDto';
import type { AmountRequestDto } from '../models/AmountRequestDto';
import type { ApprovalRequestDto } from '../models/ApprovalRequestDto';
import type { ApprovalRequestPageDto } from '../models/ApprovalRequestPageDto';
import type { ApprovalStatus } from '../models/ApprovalStatus';
import type { AuditLogPageDto } from '../models/AuditLogPageDto';
import type { BalanceAtResponseDto } from '../models/BalanceAtResponseDto';
import type { CreateWebhookEndpointRequestDto } from '../models/CreateWebhookEndpointRequestDto';
import type { EmailDeliveryPageDto } from '../models/EmailDeliveryPageDto';
import type { EmailDeliveryResponseDto } from '../models/EmailDeliveryResponseDto';
import type { FreezeRequestDto } from '../models/FreezeRequestDto';
import type { RejectRequestDto } from '../models/RejectRequestDto';
import type { ReverseRequestDto } from '../models/ReverseRequestDto';
import type { StatementResponseDto } from '../models/StatementResponseDto';
import type { TransactionPageDto } from '../models/TransactionPageDto';
import type { TransactionResponseDto } from '../models/TransactionResponseDto';
import type { TransactionStatus } from '../models/TransactionStatus';
import type { TransactionType } from '../models/TransactionType';
import type { UndeliveredEmailStatus } from '../models/UndeliveredEmailStatus';
import type { UpdateWebhookEndpointRequestDto } from '../models/UpdateWebhookEndpointRequestDto';
import type { WebhookDeliveryPageDto } from '../models/WebhookDeliveryPageDto';
import type { WebhookDeliveryResponseDto } from '../models/WebhookDeliveryResponseDto';
import type { WebhookDeliveryStatus } from '../models/WebhookDeliveryStatus';
import type { WebhookEndpointPageDto } from '../models/WebhookEndpointPageDto';
import type { WebhookEndpointResponseDto } from '../models/WebhookEndpointResponseDto';
import type { WebhookEndpointWithSecretResponseDto } from '../models/WebhookEndpointWithSecretResponseDto';
import type { CancelablePromise } from '../core/CancelablePromise';
import type { BaseHttpRequest } from '../core/BaseHttpRequest';
export class AdminService {
    constructor(public readonly httpRequest: BaseHttpRequest) {}
    /**
     * List four-eyes requests
     * Newest first; `status=pending` for those waiting for a decision.
     * @returns ApprovalRequestPageDto
     * @throws ApiError
     */
    public listApprovals({
        page = 1,
        limit = 20,
        status,
        targetUserId,
    }: {
        page?: number,
        limit?: number,
        /**
         * Only those in this state.
         */
        status?: ApprovalStatus,
        /**
         * Only those on this user's wallet.
         */
        targetUserId?: string,
    }): CancelablePromise<ApprovalRequestPageDto> {
        return this.httpRequest.request({
            method: 'GET',
            url: '/api/v1/admin/approvals',
            query: {
                'page': page,
                'limit': limit,
                'status': status,
                'targetUserId': targetUserId,
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
     * Approve a request
     * Runs the requested move now, once, in the requester's name (201 with its Transaction). Not by the requester (403 `SELF_APPROVAL`); a decided request is 409 `APPROVAL_DECIDED`. A money rule that refuses the move (422 or 409) still decides the request. Audited.
     * @returns TransactionResponseDto
     * @throws ApiError
     */
    public approveRequest({
        id,
    }: {
        /**
         * The request's id.
         */
        id: string,
    }): CancelablePromise<TransactionResponseDto> {
        return this.httpRequest.request({
            method: 'POST',
            url: '/api/v1/admin/approvals/{id}/approve',
            path: {
                'id': id,
            },
            errors: {
                400: `VALIDATION_FAILED`,
                401: `UNAUTHENTICATED, SESSION_EXPIRED`,
                403: `SELF_APPROVAL`,
                404: `NOT_FOUND`,
                409: `APPROVAL_DECIDED, ALREADY_REVERSED`,
                422: `WALLET_FROZEN, ADMIN_ACCOUNT, NOT_REVERSIBLE, INSUFFICIENT_FUNDS`,
                500: `INTERNAL_ERROR`,
                503: `SERVICE_UNAVAILABLE`,
            },
        });
    }
    /**
     * Reject a request
     * Nothing moves; the reason is kept. Not by the requester; decided once. Audited.
     * @returns ApprovalRequestDto
     * @throws ApiError
     */
    public rejectRequest({
        id,
        requestBody,
    }: {
        /**
         * The request's id.
         */
        id: string,
        requestBody: RejectRequestDto,
    }): CancelablePromise<ApprovalRequestDto> {
        return this.httpRequest.request({
            method: 'POST',
            url: '/api/v1/admin/approvals/{id}/reject',
            path: {
                'id': id,
            },
            body: requestBody,
            mediaType: 'application/json',
            errors: {
                400: `VALIDATION_FAILED`,
                401: `UNAUTHENTICATED, SESSION_EXPIRED`,
                403: `SELF_APPROVAL`,
                404: `NOT_FOUND`,
                409: `APPROVAL_DECIDED`,
                413: `PAYLOAD_TOO_LARGE`,
                415: `UNSUPPORTED_MEDIA_TYPE`,
                500: `INTERNAL_ERROR`,
                503: `SERVICE_UNAVAILABLE`,
            },
        });
    }
    /**
     * Audit log
     * Every admin action, newest first; `targetUserId` keeps those on one user.
     * @returns AuditLogPageDto
     * @throws ApiError
     */
    public getAuditLog({
        page = 1,
        limit = 20,
        targetUserId,
    }: {
        page?: number,
        limit?: number,
        /**
         * Only the actions on this user (their id); an unknown id gives an empty page.
         */
        targetUserId?: string,
    }): CancelablePromise<AuditLogPageDto> {
        return this.httpRequest.request({
            method: 'GET',
            url: '/api/v1/admin/audit-log',
            query: {
                'page': page,
                'limit': limit,
                'targetUserId': targetUserId,
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
     * Undelivered emails
     * Emails the SMTP server has not accepted: `pending` ones are retried with capped backoff until it does, `abandoned` ones (given up by an admin, or refused by the server) are not. Oldest first.
     * @returns EmailDeliveryPageDto
     * @throws ApiError
     */
    public listUndeliveredEmails({
        page = 1,
        limit = 20,
        status,
    }: {
        page?: number,
        limit?: number,
        /**
         * Only pending, or only abandoned emails; both when omitted.
         */
        status?: UndeliveredEmailStatus,
    }): CancelablePromise<EmailDeliveryPageDto> {
        return this.httpRequest.request({
            method: 'GET',
            url: '/api/v1/admin/emails/undelivered',
            query: {
                'page': page,
                'limit': limit,
                'status': status,
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
     * Give up on an undelivered email
     * It is no longer retried (an attempt already under way may still deliver it).
     * @returns EmailDeliveryResponseDto
     * @throws ApiError
     */
    public abandonEmail({
        id,
    }: {
        /**
         * The email, as listed.
         */
        id: string,
    }): CancelablePromise<EmailDeliveryResponseDto> {
        return this.httpRequest.request({
            method: 'POST',
            url: '/api/v1/admin/emails/{id}/abandon',
            path: {
                'id': id,
            },
            errors: {
                400: `VALIDATION_FAILED`,
                401: `UNAUTHENTICATED, SESSION_EXPIRED`,
                403: `FORBIDDEN`,
                404: `NOT_FOUND`,
                409: `EMAIL_ALREADY_SENT`,
                500: `INTERNAL_ERROR`,
                503: `SERVICE_UNAVAILABLE`,
            },
        });
    }
    /**
     * Resend an undelivered email
     * Pending (or abandoned) → pending, tried at once with a fresh backoff; the worker picks it up within `EMAIL_REQUEUE_INTERVAL_MS`. A sent email is not sent again (409).
     * @returns EmailDeliveryResponseDto
     * @throws ApiError
     */
    public resendEmail({
        id,
    }: {
        /**
         * The email, as listed.
         */
        id: string,
    }): CancelablePromise<EmailDeliveryResponseDto> {
        return this.httpRequest.request({
            method: 'POST',
            url: '/api/v1/admin/emails/{id}/resend',
            path: {
                'id': id,
            },
            errors: {
                400: `VALIDATION_FAILED`,
                401: `UNAUTHENTICATED, SESSION_EXPIRED`,
                403: `FORBIDDEN`,
                404: `NOT_FOUND`,
                409: `EMAIL_ALREADY_SENT`,
                500: `INTERNAL_ERROR`,
                503: `SERVICE_UNAVAILABLE`,
            },
        });
    }
    /**
     * Reverse a transaction
     * Undoes a SUCCESS deposit, withdrawal or transfer (both legs) with new `reversal` rows, frozen wallets included, counting toward no daily limit; the original stays as it was and shows `reversedById`. Answers the reversal row on the wallet of the row named. Audited; the owners are emailed the reason. Of a row above the server's approval threshold it is not executed but requested (202): another admin approves it.
     * @returns TransactionResponseDto
     * @returns ApprovalRequestDto A row of more than the approval threshold: waiting for another admin.
     * @throws ApiError
     */
    public reverse({
        id,
        idempotencyKey,
        requestBody,
    }: {
        /**
         * The ledger row to reverse.
         */
        id: string,
        /**
         * A unique value per money move (1–255 printable ASCII). Retrying with the same key and body replays the first answer with `Idempotency-Replayed: true`; another body gets 422.
         */
        idempotencyKey: string,
        requestBody: ReverseRequestDto,
    }): CancelablePromise<TransactionResponseDto | ApprovalRequestDto> {
        return this.httpRequest.request({
            method: 'POST',
            url: '/api/v1/admin/transactions/{id}/reverse',
            path: {
                'id': id,
            },
            headers: {
                'Idempotency-Key': idempotencyKey,
            },
            body: requestBody,
            mediaType: 'application/json',
            errors: {
                400: `IDEMPOTENCY_KEY_MISSING, VALIDATION_FAILED`,
                401: `UNAUTHENTICATED, SESSION_EXPIRED`,
                403: `FORBIDDEN`,
                404: `NOT_FOUND`,
                409: `IDEMPOTENCY_KEY_IN_USE, ALREADY_REVERSED`,
                413: `PAYLOAD_TOO_LARGE`,
                415: `UNSUPPORTED_MEDIA_TYPE`,
                422: `IDEMPOTENCY_KEY_REUSED, NOT_REVERSIBLE, INSUFFICIENT_FUNDS`,
                500: `INTERNAL_ERROR`,
                503: `SERVICE_UNAVAILABLE`,
            },
        });
    }
    /**
     * List users
     * Newest first; `search` matches part of a name or email.
     * @returns AdminUserPageDto
     * @throws ApiError
     */
    public listUsers({
        page = 1,
        limit = 20,
        search,
    }: {
        page?: number,
        limit?: number,
        /**
         * Part of a name or an email, case-insensitive.
         */
        search?: string,
    }): CancelablePromise<AdminUserPageDto> {
        return this.httpRequest.request({
            method: 'GET',
            url: '/api/v1/admin/users',
            query: {
                'page': page,
                'limit': limit,
                'search': search,
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
     * One user with their wallet
     * @returns AdminUserResponseDto
     * @throws ApiError
     */
    public getUser({
        id,
    }: {
        /**
         * The user's id.
         */
        id: string,
    }): CancelablePromise<AdminUserResponseDto> {
        return this.httpRequest.request({
            method: 'GET',
            url: '/api/v1/admin/users/{id}',
            path: {
                'id': id,
            },
            errors: {
                400: `VALIDATION_FAILED`,
                401: `UNAUTHENTICATED, SESSION_EXPIRED`,
                403: `FORBIDDEN`,
                404: `NOT_FOUND`,
                500: `INTERNAL_ERROR`,
                503: `SERVICE_UNAVAILABLE`,
            },
        });
    }
    /**
     * Activate a user
     * They can sign in again. Audited.
     * @returns AdminUserResponseDto
     * @throws ApiError
     */
    public activate({
        id,
    }: {
        /**
         * The user's id.
         */
        id: string,
    }): CancelablePromise<AdminUserResponseDto> {
        return this.httpRequest.request({
            method: 'POST',
            url: '/api/v1/admin/users/{id}/activate',
            path: {
                'id': id,
            },
            errors: {
                400: `VALIDATION_FAILED`,
                401: `UNAUTHENTICATED, SESSION_EXPIRED`,
                403: `FORBIDDEN`,
                404: `NOT_FOUND`,
                422: `ADMIN_ACCOUNT`,
                500: `INTERNAL_ERROR`,
                503: `SERVICE_UNAVAILABLE`,
            },
        });
    }
    /**
     * A user's balance at an instant
     * As GET /wallet/balance, for any user.
     * @returns BalanceAtResponseDto
     * @throws ApiError
     */
    public getUserBalanceAt({
        id,
        at,
    }: {
        /**
         * The user's id.
         */
        id: string,
        /**
         * The balance just after the last SUCCESS row at or before this instant (ISO 8601).
         */
        at: string,
    }): CancelablePromise<BalanceAtResponseDto> {
        return this.httpRequest.request({
            method: 'GET',
            url: '/api/v1/admin/users/{id}/balance',
            path: {
                'id': id,
            },
            query: {
                'at': at,
            },
            errors: {
                400: `VALIDATION_FAILED`,
                401: `UNAUTHENTICATED, SESSION_EXPIRED`,
                403: `FORBIDDEN`,
                404: `NOT_FOUND`,
                422: `ADMIN_ACCOUNT`,
                500: `INTERNAL_ERROR`,
                503: `SERVICE_UNAVAILABLE`,
            },
        });
    }
    /**
     * Deactivate a user
     * Ends their sessions at once; sign-in is refused. Audited.
     * @returns AdminUserResponseDto
     * @throws ApiError
     */
    public deactivate({
        id,
    }: {
        /**
         * The user's id.
         */
        id: string,
    }): CancelablePromise<AdminUserResponseDto> {
        return this.httpRequest.request({
            method: 'POST',
            url: '/api/v1/admin/users/{id}/deactivate',
            path: {
                'id': id,
            },
            errors: {
                400: `VALIDATION_FAILED`,
                401: `UNAUTHENTICATED, SESSION_EXPIRED`,
                403: `FORBIDDEN`,
                404: `NOT_FOUND`,
                422: `ADMIN_ACCOUNT`,
                500: `INTERNAL_ERROR`,
                503: `SERVICE_UNAVAILABLE`,
            },
        });
    }
    /**
     * Deposit into a user's wallet
     * No daily limit; refused (422, recorded as FAILED) when the wallet is frozen. Audited. Above the server's approval threshold it is not executed but requested (202): another admin approves it.
     * @returns TransactionResponseDto
     * @returns ApprovalRequestDto Above the threshold: waiting for another admin.
     * @throws ApiError
     */
    public deposit({
        id,
        idempotencyKey,
        requestBody,
    }: {
        /**
         * The user's id.
         */
        id: string,
        /**
         * A unique value per money move (1–255 printable ASCII). Retrying with the same key and body replays the first answer with `Idempotency-Replayed: true`; another body gets 422.
         */
        idempotencyKey: string,
        requestBody: AmountRequestDto,
    }): CancelablePromise<TransactionResponseDto | ApprovalRequestDto> {
        return this.httpRequest.request({
            method: 'POST',
            url: '/api/v1/admin/users/{id}/deposit',
            path: {
                'id': id,
            },
            headers: {
                'Idempotency-Key': idempotencyKey,
            },
            body: requestBody,
            mediaType: 'application/json',
            errors: {
                400: `IDEMPOTENCY_KEY_MISSING, VALIDATION_FAILED`,
                401: `UNAUTHENTICATED, SESSION_EXPIRED`,
                403: `FORBIDDEN`,
                404: `NOT_FOUND`,
                409: `IDEMPOTENCY_KEY_IN_USE`,
                413: `PAYLOAD_TOO_LARGE`,
                415: `UNSUPPORTED_MEDIA_TYPE`,
                422: `IDEMPOTENCY_KEY_REUSED, ADMIN_ACCOUNT, WALLET_FROZEN`,
                500: `INTERNAL_ERROR`,
                503: `SERVICE_UNAVAILABLE`,
            },
        });
    }
    /**
     * Freeze a user's wallet
     * Blocks withdrawals, transfers in and out, and deposits; the user can still sign in and read. Audited.
     * @returns AdminUserResponseDto
     * @throws ApiError
     */
    public freeze({
        id,
        requestBody,
    }: {
        /**
         * The user's id.
         */
        id: string,
        /**
         * May be left out: the reason is optional.
         */
        requestBody?: FreezeRequestDto,
    }): CancelablePromise<AdminUserResponseDto> {
        return this.httpRequest.request({
            method: 'POST',
            url: '/api/v1/admin/users/{id}/freeze',
            path: {
                'id': id,
            },
            body: requestBody,
            mediaType: 'application/json',
            errors: {
                400: `VALIDATION_FAILED`,
                401: `UNAUTHENTICATED, SESSION_EXPIRED`,
                403: `FORBIDDEN`,
                404: `NOT_FOUND`,
                413: `PAYLOAD_TOO_LARGE`,
                415: `UNSUPPORTED_MEDIA_TYPE`,
                422: `ADMIN_ACCOUNT`,
                500: `INTERNAL_ERROR`,
                503: `SERVICE_UNAVAILABLE`,
            },
        });
    }
    /**
     * A user's statement
     * As GET /wallet/statement, for any user.
     * @returns StatementResponseDto
     * @throws ApiError
     */
    public getUserStatement({
        id,
        from,
        to,
    }: {
        /**
         * The user's id.
         */
        id: string,
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
            url: '/api/v1/admin/users/{id}/statement',
            path: {
                'id': id,
            },
            query: {
                'from': from,
                'to': to,
            },
            errors: {
                400: `VALIDATION_FAILED`,
                401: `UNAUTHENTICATED, SESSION_EXPIRED`,
                403: `FORBIDDEN`,
                404: `NOT_FOUND`,
                422: `ADMIN_ACCOUNT`,
                500: `INTERNAL_ERROR`,
                503: `SERVICE_UNAVAILABLE`,
            },
        });
    }
    /**
     * A user's statement as CSV
     * As GET /wallet/statement.csv, for any user.
     * @returns string A header line `id,createdAt,type,status,amount,balanceAfter,counterparty,memo,failureReason`, then one line per row, oldest first (RFC 4180). Amounts in dollars with two decimals, debits negative.
     * @throws ApiError
     */
    public getUserStatementCsv({
        id,
        from,
        to,
    }: {
        /**
         * The user's id.
         */
        id: string,
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
            url: '/api/v1/admin/users/{id}/statement.csv',
            path: {
                'id': id,
            },
            query: {
                'from': from,
                'to': to,
            },
            errors: {
                400: `VALIDATION_FAILED`,
                401: `UNAUTHENTICATED, SESSION_EXPIRED`,
                403: `FORBIDDEN`,
                404: `NOT_FOUND`,
                422: `ADMIN_ACCOUNT`,
                500: `INTERNAL_ERROR`,
                503: `SERVICE_UNAVAILABLE`,
            },
        });
    }
    /**
     * Reset another admin's second factor
     * For an admin who lost their device: their TOTP secret and recovery codes are removed, so they sign in with the password alone and enrol again. Never on oneself (403). Audited.
     * @returns void
     * @throws ApiError
     */
    public resetTotp({
        id,
    }: {
        /**
         * The user's id.
         */
        id: string,
    }): CancelablePromise<void> {
        return this.httpRequest.request({
            method: 'POST',
            url: '/api/v1/admin/users/{id}/totp/reset',
            path: {
                'id': id,
            },
            errors: {
                400: `VALIDATION_FAILED`,
                401: `UNAUTHENTICATED, SESSION_EXPIRED`,
                403: `FORBIDDEN`,
                404: `NOT_FOUND`,
                500: `INTERNAL_ERROR`,
                503: `SERVICE_UNAVAILABLE`,
            },
        });
    }
    /**
     * A user's history
     * As GET /wallet/transactions, for any user.
     * @returns TransactionPageDto
     * @throws ApiError
     */
    public getUserTransactions({
        id,
        page = 1,
        limit = 20,
        type,
        status,
        from,
        to,
        minAmount,
        maxAmount,
    }: {
        /**
         * The user's id.
         */
        id: string,
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
            url: '/api/v1/admin/users/{id}/transactions',
            path: {
                'id': id,
            },
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
                404: `NOT_FOUND`,
                422: `ADMIN_ACCOUNT`,
                500: `INTERNAL_ERROR`,
                503: `SERVICE_UNAVAILABLE`,
            },
        });
    }
    /**
     * Unfreeze a user's wallet
     * Audited, with the optional reason.
     * @returns AdminUserResponseDto
     * @throws ApiError
     */
    public unfreeze({
        id,
        requestBody,
    }: {
        /**
         * The user's id.
         */
        id: string,
        /**
         * May be left out: the reason is optional.
         */
        requestBody?: FreezeRequestDto,
    }): CancelablePromise<AdminUserResponseDto> {
        return this.httpRequest.request({
            method: 'POST',
            url: '/api/v1/admin/users/{id}/unfreeze',
            path: {
                'id': id,
            },
            body: requestBody,
            mediaType: 'application/json',
            errors: {
                400: `VALIDATION_FAILED`,
                401: `UNAUTHENTICATED, SESSION_EXPIRED`,
                403: `FORBIDDEN`,
                404: `NOT_FOUND`,
                413: `PAYLOAD_TOO_LARGE`,
                415: `UNSUPPORTED_MEDIA_TYPE`,
                422: `ADMIN_ACCOUNT`,
                500: `INTERNAL_ERROR`,
                503: `SERVICE_UNAVAILABLE`,
            },
        });
    }
    /**
     * List webhook endpoints
     * Newest first; secrets are never listed.
     * @returns WebhookEndpointPageDto
     * @throws ApiError
     */
    public listWebhookEndpoints({
        page = 1,
        limit = 20,
    }: {
        page?: number,
        limit?: number,
    }): CancelablePromise<WebhookEndpointPageDto> {
        return this.httpRequest.request({
            method: 'GET',
            url: '/api/v1/admin/webhooks',
            query: {
                'page': page,
                'limit': limit,
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
     * Register a webhook endpoint
     * Starts enabled. Every event of the types it subscribes to is delivered at least once, signed per the Standard Webhooks specification with the secret answered here, and shown only here.
     * @returns WebhookEndpointWithSecretResponseDto
     * @throws ApiError
     */
    public createWebhookEndpoint({
        requestBody,
    }: {
        requestBody: CreateWebhookEndpointRequestDto,
    }): CancelablePromise<WebhookEndpointWithSecretResponseDto> {
        return this.httpRequest.request({
            method: 'POST',
            url: '/api/v1/admin/webhooks',
            body: requestBody,
            mediaType: 'application/json',
            errors: {
                400: `VALIDATION_FAILED`,
                401: `UNAUTHENTICATED, SESSION_EXPIRED`,
                403: `FORBIDDEN`,
                413: `PAYLOAD_TOO_LARGE`,
                415: `UNSUPPORTED_MEDIA_TYPE`,
                500: `INTERNAL_ERROR`,
                503: `SERVICE_UNAVAILABLE`,
            },
        });
    }
    /**
     * Retry a webhook delivery
     * Pending again and due now, whatever its status: the worker sends it within `WEBHOOK_REQUEUE_INTERVAL_MS`, with the same `webhook-id`, so a receiver that has it already can tell.
     * @returns WebhookDeliveryResponseDto
     * @throws ApiError
     */
    public retryWebhookDelivery({
        id,
    }: {
        /**
         * The delivery's id.
         */
        id: string,
    }): CancelablePromise<WebhookDeliveryResponseDto> {
        return this.httpRequest.request({
            method: 'POST',
            url: '/api/v1/admin/webhooks/deliveries/{id}/retry',
            path: {
                'id': id,
            },
            errors: {
                400: `VALIDATION_FAILED`,
                401: `UNAUTHENTICATED, SESSION_EXPIRED`,
                403: `FORBIDDEN`,
                404: `NOT_FOUND`,
                500: `INTERNAL_ERROR`,
                503: `SERVICE_UNAVAILABLE`,
            },
        });
    }
    /**
     * Delete a webhook endpoint
     * With its delivery log.
     * @returns void
     * @throws ApiError
     */
    public deleteWebhookEndpoint({
        id,
    }: {
        /**
         * The endpoint's id.
         */
        id: string,
    }): CancelablePromise<void> {
        return this.httpRequest.request({
            method: 'DELETE',
            url: '/api/v1/admin/webhooks/{id}',
            path: {
                'id': id,
            },
            errors: {
                400: `VALIDATION_FAILED`,
                401: `UNAUTHENTICATED, SESSION_EXPIRED`,
                403: `FORBIDDEN`,
                404: `NOT_FOUND`,
                500: `INTERNAL_ERROR`,
                503: `SERVICE_UNAVAILABLE`,
            },
        });
    }
    /**
     * One webhook endpoint
     * @returns WebhookEndpointResponseDto
     * @throws ApiError
     */
    public getWebhookEndpoint({
        id,
    }: {
        /**
         * The endpoint's id.
         */
        id: string,
    }): CancelablePromise<WebhookEndpointResponseDto> {
        return this.httpRequest.request({
            method: 'GET',
            url: '/api/v1/admin/webhooks/{id}',
            path: {
                'id': id,
            },
            errors: {
                400: `VALIDATION_FAILED`,
                401: `UNAUTHENTICATED, SESSION_EXPIRED`,
                403: `FORBIDDEN`,
                404: `NOT_FOUND`,
                500: `INTERNAL_ERROR`,
                503: `SERVICE_UNAVAILABLE`,
            },
        });
    }
    /**
     * Change a webhook endpoint
     * Any of `url`, `events`, `enabled`, `description`. Events already relayed keep the deliveries they have; a disabled endpoint gets nothing new, and its pending deliveries wait until it is enabled.
     * @returns WebhookEndpointResponseDto
     * @throws ApiError
     */
    public updateWebhookEndpoint({
        id,
        requestBody,
    }: {
        /**
         * The endpoint's id.
         */
        id: string,
        requestBody: UpdateWebhookEndpointRequestDto,
    }): CancelablePromise<WebhookEndpointResponseDto> {
        return this.httpRequest.request({
            method: 'PATCH',
            url: '/api/v1/admin/webhooks/{id}',
            path: {
                'id': id,
            },
            body: requestBody,
            mediaType: 'application/json',
            errors: {
                400: `VALIDATION_FAILED`,
                401: `UNAUTHENTICATED, SESSION_EXPIRED`,
                403: `FORBIDDEN`,
                404: `NOT_FOUND`,
                413: `PAYLOAD_TOO_LARGE`,
                415: `UNSUPPORTED_MEDIA_TYPE`,
                500: `INTERNAL_ERROR`,
                503: `SERVICE_UNAVAILABLE`,
            },
        });
    }
    /**
     * A webhook endpoint's deliveries
     * Newest first: one per event, with its attempts so far. A pending one is retried after about 5 s, 5 min, 30 min, 2 h, 5 h, 10 h and 10 h, then failed.
     * @returns WebhookDeliveryPageDto
     * @throws ApiError
     */
    public listWebhookDeliveries({
        id,
        page = 1,
        limit = 20,
        status,
    }: {
        /**
         * The endpoint's id.
         */
        id: string,
        page?: number,
        limit?: number,
        status?: WebhookDeliveryStatus,
    }): CancelablePromise<WebhookDeliveryPageDto> {
        return this.httpRequest.request({
            method: 'GET',
            url: '/api/v1/admin/webhooks/{id}/deliveries',
            path: {
                'id': id,
            },
            query: {
                'page': page,
                'limit': limit,
                'status': status,
            },
            errors: {
                400: `VALIDATION_FAILED`,
                401: `UNAUTHENTICATED, SESSION_EXPIRED`,
                403: `FORBIDDEN`,
                404: `NOT_FOUND`,
                500: `INTERNAL_ERROR`,
                503: `SERVICE_UNAVAILABLE`,
            },
        });
    }
    /**
     * Rotate a webhook endpoint's secret
     * Answers the new secret, shown only here. For 24 hours the previous one signs too: each delivery then carries two `v1,` signatures, so receivers can switch without losing any.
     * @returns WebhookEndpointWithSecretResponseDto
     * @throws ApiError
     */
    public rotateWebhookSecret({
        id,
    }: {
        /**
         * The endpoint's id.
         */
        id: string,
    }): CancelablePromise<WebhookEndpointWithSecretResponseDto> {
        return this.httpRequest.request({
            method: 'POST',
            url: '/api/v1/admin/webhooks/{id}/rotate-secret',
            path: {
                'id': id,
            },
            errors: {
                400: `VALIDATION_FAILED`,
                401: `UNAUTHENTICATED, SESSION_EXPIRED`,
                403: `FORBIDDEN`,
                404: `NOT_FOUND`,
                500: `INTERNAL_ERROR`,
                503: `SERVICE_UNAVAILABLE`,
            },
        });
    }
}
