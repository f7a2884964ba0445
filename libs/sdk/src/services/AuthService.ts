/* generated using openapi-typescript-codegen -- do not edit */
/* istanbul ignore file */
/* tslint:disable */
/* eslint-disable */
import type { AdminLoginRequestDto } from '../models/AdminLoginRequestDto';
import type { LoginRequestDto } from '../models/LoginRequestDto';
import type { LoginResponseDto } from '../models/LoginResponseDto';
import type { RegisterRequestDto } from '../models/RegisterRequestDto';
import type { TotpEnableRequestDto } from '../models/TotpEnableRequestDto';
import type { TotpEnableResponseDto } from '../models/TotpEnableResponseDto';
import type { TotpSetupResponseDto } from '../models/TotpSetupResponseDto';
import type { TotpStatusResponseDto } from '../models/TotpStatusResponseDto';
import type { UserResponseDto } from '../models/UserResponseDto';
import type { CancelablePromise } from '../core/CancelablePromise';
import type { BaseHttpRequest } from '../core/BaseHttpRequest';
export class AuthService {
    constructor(public readonly httpRequest: BaseHttpRequest) {}
    /**
     * Sign in as an admin
     * As sign-in; a non-admin gets 401. Once the admin has a second factor, `totpCode` is required (a code is accepted once; a recovery code works once).
     * @returns LoginResponseDto
     * @throws ApiError
     */
    public loginAdmin({
        requestBody,
    }: {
        requestBody: AdminLoginRequestDto,
    }): CancelablePromise<LoginResponseDto> {
        return this.httpRequest.request({
            method: 'POST',
            url: '/api/v1/auth/admin/login',
            body: requestBody,
            mediaType: 'application/json',
            errors: {
                400: `VALIDATION_FAILED`,
                401: `INVALID_CREDENTIALS, TOTP_REQUIRED`,
                403: `ACCOUNT_INACTIVE`,
                413: `PAYLOAD_TOO_LARGE`,
                415: `UNSUPPORTED_MEDIA_TYPE`,
                429: `TOO_MANY_REQUESTS`,
                500: `INTERNAL_ERROR`,
                503: `SERVICE_UNAVAILABLE`,
            },
        });
    }
    /**
     * Register an admin
     * Needs `X-Admin-Secret` equal to the server setting; disabled when that is unset.
     * @returns UserResponseDto
     * @throws ApiError
     */
    public registerAdmin({
        xAdminSecret,
        requestBody,
    }: {
        xAdminSecret: string,
        requestBody: RegisterRequestDto,
    }): CancelablePromise<UserResponseDto> {
        return this.httpRequest.request({
            method: 'POST',
            url: '/api/v1/auth/admin/register',
            headers: {
                'X-Admin-Secret': xAdminSecret,
            },
            body: requestBody,
            mediaType: 'application/json',
            errors: {
                400: `VALIDATION_FAILED`,
                403: `FORBIDDEN, ADMIN_REGISTRATION_DISABLED`,
                409: `EMAIL_TAKEN`,
                413: `PAYLOAD_TOO_LARGE`,
                415: `UNSUPPORTED_MEDIA_TYPE`,
                429: `TOO_MANY_REQUESTS`,
                500: `INTERNAL_ERROR`,
                503: `SERVICE_UNAVAILABLE`,
            },
        });
    }
    /**
     * Whether my second factor is on
     * And how many recovery codes are left.
     * @returns TotpStatusResponseDto
     * @throws ApiError
     */
    public totpStatus(): CancelablePromise<TotpStatusResponseDto> {
        return this.httpRequest.request({
            method: 'GET',
            url: '/api/v1/auth/admin/totp',
            errors: {
                401: `UNAUTHENTICATED, SESSION_EXPIRED`,
                403: `FORBIDDEN`,
                500: `INTERNAL_ERROR`,
                503: `SERVICE_UNAVAILABLE`,
            },
        });
    }
    /**
     * Turn the second factor on
     * With a first code of the app. Answers ten recovery codes, each usable once in place of a code, shown only now. From then on admin sign-in needs `totpCode`. Audited.
     * @returns TotpEnableResponseDto
     * @throws ApiError
     */
    public enableTotp({
        requestBody,
    }: {
        requestBody: TotpEnableRequestDto,
    }): CancelablePromise<TotpEnableResponseDto> {
        return this.httpRequest.request({
            method: 'POST',
            url: '/api/v1/auth/admin/totp/enable',
            body: requestBody,
            mediaType: 'application/json',
            errors: {
                400: `VALIDATION_FAILED`,
                401: `UNAUTHENTICATED, SESSION_EXPIRED`,
                403: `FORBIDDEN`,
                409: `TOTP_ALREADY_ENABLED`,
                413: `PAYLOAD_TOO_LARGE`,
                415: `UNSUPPORTED_MEDIA_TYPE`,
                422: `TOTP_CODE_INVALID`,
                429: `TOO_MANY_REQUESTS`,
                500: `INTERNAL_ERROR`,
                503: `SERVICE_UNAVAILABLE`,
            },
        });
    }
    /**
     * Start setting up a second factor
     * A new TOTP secret (RFC 6238: 30 s, 6 digits) and its `otpauth://` URL for a QR code. It is off until confirmed by `enable`; asking again before that replaces it.
     * @returns TotpSetupResponseDto
     * @throws ApiError
     */
    public setupTotp(): CancelablePromise<TotpSetupResponseDto> {
        return this.httpRequest.request({
            method: 'POST',
            url: '/api/v1/auth/admin/totp/setup',
            errors: {
                401: `UNAUTHENTICATED, SESSION_EXPIRED`,
                403: `FORBIDDEN`,
                409: `TOTP_ALREADY_ENABLED`,
                500: `INTERNAL_ERROR`,
                503: `SERVICE_UNAVAILABLE`,
            },
        });
    }
    /**
     * Sign in
     * Starts a session; it ends after `expiresIn` idle seconds.
     * @returns LoginResponseDto
     * @throws ApiError
     */
    public login({
        requestBody,
    }: {
        requestBody: LoginRequestDto,
    }): CancelablePromise<LoginResponseDto> {
        return this.httpRequest.request({
            method: 'POST',
            url: '/api/v1/auth/login',
            body: requestBody,
            mediaType: 'application/json',
            errors: {
                400: `VALIDATION_FAILED`,
                401: `INVALID_CREDENTIALS, TOTP_REQUIRED`,
                403: `ACCOUNT_INACTIVE`,
                413: `PAYLOAD_TOO_LARGE`,
                415: `UNSUPPORTED_MEDIA_TYPE`,
                429: `TOO_MANY_REQUESTS`,
                500: `INTERNAL_ERROR`,
                503: `SERVICE_UNAVAILABLE`,
            },
        });
    }
    /**
     * Sign out
     * Ends the session at once.
     * @returns void
     * @throws ApiError
     */
    public logout(): CancelablePromise<void> {
        return this.httpRequest.request({
            method: 'POST',
            url: '/api/v1/auth/logout',
            errors: {
                401: `UNAUTHENTICATED, SESSION_EXPIRED`,
                500: `INTERNAL_ERROR`,
                503: `SERVICE_UNAVAILABLE`,
            },
        });
    }
    /**
     * Who am I
     * @returns UserResponseDto
     * @throws ApiError
     */
    public getMe(): CancelablePromise<UserResponseDto> {
        return this.httpRequest.request({
            method: 'GET',
            url: '/api/v1/auth/me',
            errors: {
                401: `UNAUTHENTICATED, SESSION_EXPIRED`,
                500: `INTERNAL_ERROR`,
                503: `SERVICE_UNAVAILABLE`,
            },
        });
    }
    /**
     * Refresh the token
     * A fresh token for the same session.
     * @returns LoginResponseDto
     * @throws ApiError
     */
    public refresh(): CancelablePromise<LoginResponseDto> {
        return this.httpRequest.request({
            method: 'POST',
            url: '/api/v1/auth/refresh',
            errors: {
                401: `UNAUTHENTICATED, SESSION_EXPIRED`,
                500: `INTERNAL_ERROR`,
                503: `SERVICE_UNAVAILABLE`,
            },
        });
    }
    /**
     * Register a user
     * Creates the user and an empty USD wallet.
     * @returns UserResponseDto
     * @throws ApiError
     */
    public register({
        requestBody,
    }: {
        requestBody: RegisterRequestDto,
    }): CancelablePromise<UserResponseDto> {
        return this.httpRequest.request({
            method: 'POST',
            url: '/api/v1/auth/register',
            body: requestBody,
            mediaType: 'application/json',
            errors: {
                400: `VALIDATION_FAILED`,
                409: `EMAIL_TAKEN`,
                413: `PAYLOAD_TOO_LARGE`,
                415: `UNSUPPORTED_MEDIA_TYPE`,
                429: `TOO_MANY_REQUESTS`,
                500: `INTERNAL_ERROR`,
                503: `SERVICE_UNAVAILABLE`,
            },
        });
    }
}
