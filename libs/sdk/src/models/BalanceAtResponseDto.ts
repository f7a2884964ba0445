/* generated using openapi-typescript-codegen -- do not edit */
/* istanbul ignore file */
/* tslint:disable */
/* eslint-disable */
export type BalanceAtResponseDto = {
    /**
     * The instant asked for.
     */
    at: string;
    /**
     * Cents: the balance just after the last SUCCESS row at or before `at`; 0 before the first.
     */
    balance: number;
};

