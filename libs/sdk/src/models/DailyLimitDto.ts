/* generated using openapi-typescript-codegen -- do not edit */
/* istanbul ignore file */
/* tslint:disable */
/* eslint-disable */
export type DailyLimitDto = {
    /**
     * Cents allowed per calendar day.
     */
    limit: number;
    remaining: number;
    /**
     * When `used` starts again from zero.
     */
    resetsAt: string;
    /**
     * Cents used today by SUCCESS moves.
     */
    used: number;
};

