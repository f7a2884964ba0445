/* generated using openapi-typescript-codegen -- do not edit */
/* istanbul ignore file */
/* tslint:disable */
/* eslint-disable */
import type { AuditLogEntryDto } from './AuditLogEntryDto';
export type AuditLogPageDto = {
    items: Array<AuditLogEntryDto>;
    limit: number;
    page: number;
    /**
     * Items matching the query, on all pages.
     */
    total: number;
};

