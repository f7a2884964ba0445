/* generated using openapi-typescript-codegen -- do not edit */
/* istanbul ignore file */
/* tslint:disable */
/* eslint-disable */
export type TotpStatusResponseDto = {
    enabled: boolean;
    enabledAt: string | null;
    /**
     * Recovery codes not used yet.
     */
    recoveryCodesLeft: number;
};

