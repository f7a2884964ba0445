/* generated using openapi-typescript-codegen -- do not edit */
/* istanbul ignore file */
/* tslint:disable */
/* eslint-disable */
import type { CancelablePromise } from '../core/CancelablePromise';
import type { BaseHttpRequest } from '../core/BaseHttpRequest';
export class UsersService {
    constructor(public readonly httpRequest: BaseHttpRequest) {}
    /**
     * Deactivate my account
     * Ends every session of the caller at once. Only an admin can activate the account again.
     * @returns void
     * @throws ApiError
     */
    public deactivateMe(): CancelablePromise<void> {
        return this.httpRequest.request({
            method: 'POST',
            url: '/api/v1/users/me/deactivate',
            errors: {
                401: `UNAUTHENTICATED, SESSION_EXPIRED`,
                403: `FORBIDDEN`,
                500: `INTERNAL_ERROR`,
                503: `SERVICE_UNAVAILABLE`,
            },
        });
    }
}
