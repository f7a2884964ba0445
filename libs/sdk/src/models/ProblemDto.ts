/* generated using openapi-typescript-codegen -- do not edit */
/* istanbul ignore file */
/* tslint:disable */
/* eslint-disable */
import type { ErrorCode } from './ErrorCode';
import type { FieldErrorDto } from './FieldErrorDto';
export type ProblemDto = {
    code: ErrorCode;
    /**
     * On 500: quote it when reporting the problem.
     */
    correlationId?: string;
    detail: string;
    /**
     * On 400: which fields are wrong.
     */
    errors?: Array<FieldErrorDto>;
    status: number;
    title: string;
    /**
     * On a refused money move: its FAILED row.
     */
    transactionId?: string;
    type: string;
};

