/* generated using openapi-typescript-codegen -- do not edit */
/* istanbul ignore file */
/* tslint:disable */
/* eslint-disable */
import type { UserResponseDto } from './UserResponseDto';
export type LoginResponseDto = {
    /**
     * JWT (HS256) to send as `Authorization: Bearer <token>`.
     */
    accessToken: string;
    /**
     * Seconds of inactivity after which the session ends (the idle timeout).
     */
    expiresIn: number;
    tokenType: 'Bearer';
    user: UserResponseDto;
};

