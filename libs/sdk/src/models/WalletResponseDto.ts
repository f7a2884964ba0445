/* generated using openapi-typescript-codegen -- do not edit */
/* istanbul ignore file */
/* tslint:disable */
/* eslint-disable */
import type { WalletLimitsDto } from './WalletLimitsDto';
export type WalletResponseDto = {
    /**
     * Integer cents: 12345 is $123.45.
     */
    balance: number;
    currency: 'USD';
    /**
     * A frozen wallet can neither send nor receive money.
     */
    frozen: boolean;
    /**
     * What the admin gave as the reason.
     */
    frozenReason: string | null;
    id: string;
    limits: WalletLimitsDto;
};

