/* generated using openapi-typescript-codegen -- do not edit */
/* istanbul ignore file */
/* tslint:disable */
/* eslint-disable */
export type TransactionType = 'deposit' | 'withdraw' | 'transfer_out' | 'transfer_in' | 'reversal';
