/* generated using openapi-typescript-codegen -- do not edit */
/* istanbul ignore file */
/* tslint:disable */
/* eslint-disable */
import type { WebhookEndpointResponseDto } from './WebhookEndpointResponseDto';
export type WebhookEndpointPageDto = {
    items: Array<WebhookEndpointResponseDto>;
    limit: number;
    page: number;
    /**
     * Items matching the query, on all pages.
     */
    total: number;
};

