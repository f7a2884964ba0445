/* generated using openapi-typescript-codegen -- do not edit */
/* istanbul ignore file */
/* tslint:disable */
/* eslint-disable */
import type { TransactionResponseDto } from './TransactionResponseDto';
export type TransactionPageDto = {
    items: Array<TransactionResponseDto>;
    limit: number;
    page: number;
    /**
     * Rows matching the filters, on all pages.
     */
    total: number;
};

