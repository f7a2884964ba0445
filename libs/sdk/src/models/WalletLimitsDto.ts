/* generated using openapi-typescript-codegen -- do not edit */
/* istanbul ignore file */
/* tslint:disable */
/* eslint-disable */
import type { DailyLimitDto } from './DailyLimitDto';
export type WalletLimitsDto = {
    transfer: DailyLimitDto;
    withdraw: DailyLimitDto;
};

