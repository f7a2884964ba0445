/* generated using openapi-typescript-codegen -- do not edit */
/* istanbul ignore file */
/* tslint:disable */
/* eslint-disable */
import type { TransactionResponseDto } from './TransactionResponseDto';
export type StatementResponseDto = {
    /**
     * Cents: the balance just before `to`.
     */
    closingBalance: number;
    from: string;
    /**
     * Every row of the range, oldest first.
     */
    items: Array<TransactionResponseDto>;
    /**
     * Cents: the balance just before `from`.
     */
    openingBalance: number;
    to: string;
};

