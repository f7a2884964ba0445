/* generated using openapi-typescript-codegen -- do not edit */
/* istanbul ignore file */
/* tslint:disable */
/* eslint-disable */
export type AdminLoginRequestDto = {
    email: string;
    password: string;
    /**
     * The 6 digits of the authenticator app, or one of the recovery codes; required once the admin has turned the second factor on (401 `TOTP_REQUIRED` without it).
     */
    totpCode?: string;
};

