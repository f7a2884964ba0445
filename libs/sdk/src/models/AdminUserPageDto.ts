/* generated using openapi-typescript-codegen -- do not edit */
/* istanbul ignore file */
/* tslint:disable */
/* eslint-disable */
import type { AdminUserResponseDto } from './AdminUserResponseDto';
export type AdminUserPageDto = {
    items: Array<AdminUserResponseDto>;
    limit: number;
    page: number;
    /**
     * Items matching the query, on all pages.
     */
    total: number;
};

