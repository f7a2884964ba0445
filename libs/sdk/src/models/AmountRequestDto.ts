/* generated using openapi-typescript-codegen -- do not edit */
/* istanbul ignore file */
/* tslint:disable */
/* eslint-disable */
export type AmountRequestDto = {
    /**
     * Integer cents: 2500 is $25.00.
     */
    amount: number;
};

