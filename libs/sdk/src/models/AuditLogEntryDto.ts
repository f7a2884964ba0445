/* generated using openapi-typescript-codegen -- do not edit */
/* istanbul ignore file */
/* tslint:disable */
/* eslint-disable */
import type { AuditAction } from './AuditAction';
export type AuditLogEntryDto = {
    action: AuditAction;
    adminId: string;
    adminName: string;
    createdAt: string;
    detail: string | null;
    id: number;
    targetUserId: string;
    targetUserName: string;
};

