/* generated using openapi-typescript-codegen -- do not edit */
/* istanbul ignore file */
/* tslint:disable */
/* eslint-disable */
import type { WebhookDeliveryResponseDto } from './WebhookDeliveryResponseDto';
export type WebhookDeliveryPageDto = {
    items: Array<WebhookDeliveryResponseDto>;
    limit: number;
    page: number;
    /**
     * Items matching the query, on all pages.
     */
    total: number;
};

