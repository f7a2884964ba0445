/* generated using openapi-typescript-codegen -- do not edit */
/* istanbul ignore file */
/* tslint:disable */
/* eslint-disable */
export type AuditAction = 'deposit' | 'freeze' | 'unfreeze' | 'activate' | 'deactivate' | 'reverse' | 'totp_enabled' | 'totp_reset' | 'approval_requested' | 'approval_approved' | 'approval_rejected';
