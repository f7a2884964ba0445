/* generated using openapi-typescript-codegen -- do not edit */
/* istanbul ignore file */
/* tslint:disable */
/* eslint-disable */
import type { Role } from './Role';
import type { UserStatus } from './UserStatus';
export type AdminUserResponseDto = {
    /**
     * Integer cents.
     */
    balance: number | null;
    createdAt: string;
    email: string;
    frozen: boolean | null;
    frozenReason: string | null;
    id: string;
    name: string;
    role: Role;
    status: UserStatus;
    walletId: string | null;
};

