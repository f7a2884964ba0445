/* generated using openapi-typescript-codegen -- do not edit */
/* istanbul ignore file */
/* tslint:disable */
/* eslint-disable */
export type TotpEnableRequestDto = {
    /**
     * The 6 digits the app shows now.
     */
    code: string;
};

