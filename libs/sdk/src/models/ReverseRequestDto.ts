/* generated using openapi-typescript-codegen -- do not edit */
/* istanbul ignore file */
/* tslint:disable */
/* eslint-disable */
export type ReverseRequestDto = {
    /**
     * Shown to the owners of the wallets the reversal changes, as the reversal rows' memo.
     */
    reason: string;
};

