/* generated using openapi-typescript-codegen -- do not edit */
/* istanbul ignore file */
/* tslint:disable */
/* eslint-disable */
import type { EmailDeliveryResponseDto } from './EmailDeliveryResponseDto';
export type EmailDeliveryPageDto = {
    items: Array<EmailDeliveryResponseDto>;
    limit: number;
    page: number;
    /**
     * Items matching the query, on all pages.
     */
    total: number;
};

