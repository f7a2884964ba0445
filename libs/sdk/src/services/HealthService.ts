/* generated using openapi-typescript-codegen -- do not edit */
/* istanbul ignore file */
/* tslint:disable */
/* eslint-disable */
import type { CancelablePromise } from '../core/CancelablePromise';
import type { BaseHttpRequest } from '../core/BaseHttpRequest';
export class HealthService {
    constructor(public readonly httpRequest: BaseHttpRequest) {}
    /**
     * Liveness
     * The process is up; touches no dependency.
     * @returns any
     * @throws ApiError
     */
    public live(): CancelablePromise<any> {
        return this.httpRequest.request({
            method: 'GET',
            url: '/health',
            errors: {
                500: `INTERNAL_ERROR`,
                503: `SERVICE_UNAVAILABLE`,
            },
        });
    }
    /**
     * Readiness
     * Postgres and Redis both answer. Also reports the background job queues (`queues`: waiting, active, delayed and failed jobs per queue); failed jobs never make the service unready.
     * @returns any Every dependency is up.
     * @throws ApiError
     */
    public ready(): CancelablePromise<any> {
        return this.httpRequest.request({
            method: 'GET',
            url: '/health/ready',
            errors: {
                500: `INTERNAL_ERROR`,
                503: `A dependency is down; \`checks\` says which., SERVICE_UNAVAILABLE`,
            },
        });
    }
}
