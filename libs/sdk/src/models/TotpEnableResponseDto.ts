/* generated using openapi-typescript-codegen -- do not edit */
/* istanbul ignore file */
/* tslint:disable */
/* eslint-disable */
export type TotpEnableResponseDto = {
    /**
     * Ten codes, each usable once instead of the app; shown only this once.
     */
    recoveryCodes: Array<string>;
};

