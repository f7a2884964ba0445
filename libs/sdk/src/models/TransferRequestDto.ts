/* generated using openapi-typescript-codegen -- do not edit */
/* istanbul ignore file */
/* tslint:disable */
/* eslint-disable */
export type TransferRequestDto = {
    /**
     * Integer cents: 2500 is $25.00.
     */
    amount: number;
    /**
     * A note for both parties, on both rows of the transfer (docs/design.md §13).
     */
    memo?: string;
    /**
     * The email the recipient registered with.
     */
    recipientEmail: string;
};

