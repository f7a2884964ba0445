/* generated using openapi-typescript-codegen -- do not edit */
/* istanbul ignore file */
/* tslint:disable */
/* eslint-disable */
import type { Role } from './Role';
import type { UserStatus } from './UserStatus';
export type UserResponseDto = {
    createdAt: string;
    email: string;
    id: string;
    name: string;
    role: Role;
    status: UserStatus;
};

