/* generated using openapi-typescript-codegen -- do not edit */
/* istanbul ignore file */
/* tslint:disable */
/* eslint-disable */
export type TotpSetupResponseDto = {
    /**
     * The same secret as an `otpauth://` URL, for a QR code.
     */
    otpauthUrl: string;
    /**
     * The Base32 secret, for typing into an app by hand.
     */
    secret: string;
};

