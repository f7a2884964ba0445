/* generated using openapi-typescript-codegen -- do not edit */
/* istanbul ignore file */
/* tslint:disable */
/* eslint-disable */
export { WalletClient } from './WalletClient';

export { ApiError } from './core/ApiError';
export { BaseHttpRequest } from './core/BaseHttpRequest';
export { CancelablePromise, CancelError } from './core/CancelablePromise';
export { OpenAPI } from './core/OpenAPI';
export type { OpenAPIConfig } from './core/OpenAPI';

export type { AdminLoginRequestDto } from './models/AdminLoginRequestDto';
export type { AdminUserPageDto } from './models/AdminUserPageDto';
export type { AdminUserResponseDto } from './models/AdminUserResponseDto';
export type { AmountRequestDto } from './models/AmountRequestDto';
export type { ApprovalKind } from './models/ApprovalKind';
export type { ApprovalRequestDto } from './models/ApprovalRequestDto';
export type { ApprovalRequestPageDto } from './models/ApprovalRequestPageDto';
export type { ApprovalStatus } from './models/ApprovalStatus';
export type { AuditAction } from './models/AuditAction';
export type { AuditLogEntryDto } from './models/AuditLogEntryDto';
export type { AuditLogPageDto } from './models/AuditLogPageDto';
export type { BalanceAtResponseDto } from './models/BalanceAtResponseDto';
export type { CreateWebhookEndpointRequestDto } from './models/CreateWebhookEndpointRequestDto';
export type { DailyLimitDto } from './models/DailyLimitDto';
export type { EmailDeliveryPageDto } from './models/EmailDeliveryPageDto';
export type { EmailDeliveryResponseDto } from './models/EmailDeliveryResponseDto';
export type { EmailDeliveryStatus } from './models/EmailDeliveryStatus';
export type { ErrorCode } from './models/ErrorCode';
export type { FieldErrorDto } from './models/FieldErrorDto';
export type { FreezeRequestDto } from './models/FreezeRequestDto';
export type { LoginRequestDto } from './models/LoginRequestDto';
export type { LoginResponseDto } from './models/LoginResponseDto';
export type { ProblemDto } from './models/ProblemDto';
export type { RegisterRequestDto } from './models/RegisterRequestDto';
export type { RejectRequestDto } from './models/RejectRequestDto';
export type { ReverseRequestDto } from './models/ReverseRequestDto';
export type { Role } from './models/Role';
export type { StatementResponseDto } from './models/StatementResponseDto';
export type { TotpEnableRequestDto } from './models/TotpEnableRequestDto';
export type { TotpEnableResponseDto } from './models/TotpEnableResponseDto';
export type { TotpSetupResponseDto } from './models/TotpSetupResponseDto';
export type { TotpStatusResponseDto } from './models/TotpStatusResponseDto';
export type { TransactionPageDto } from './models/TransactionPageDto';
export type { TransactionResponseDto } from './models/TransactionResponseDto';
export type { TransactionStatus } from './models/TransactionStatus';
export type { TransactionType } from './models/TransactionType';
export type { TransferRequestDto } from './models/TransferRequestDto';
export type { UndeliveredEmailStatus } from './models/UndeliveredEmailStatus';
export type { UpdateWebhookEndpointRequestDto } from './models/UpdateWebhookEndpointRequestDto';
export type { UserResponseDto } from './models/UserResponseDto';
export type { UserStatus } from './models/UserStatus';
export type { WalletLimitsDto } from './models/WalletLimitsDto';
export type { WalletResponseDto } from './models/WalletResponseDto';
export type { WebhookDeliveryPageDto } from './models/WebhookDeliveryPageDto';
export type { WebhookDeliveryResponseDto } from './models/WebhookDeliveryResponseDto';
export type { WebhookDeliveryStatus } from './models/WebhookDeliveryStatus';
export type { WebhookEndpointPageDto } from './models/WebhookEndpointPageDto';
export type { WebhookEndpointResponseDto } from './models/WebhookEndpointResponseDto';
export type { WebhookEndpointWithSecretResponseDto } from './models/WebhookEndpointWithSecretResponseDto';
export type { WebhookEventType } from './models/WebhookEventType';

export { AdminService } from './services/AdminService';
export { AuthService } from './services/AuthService';
export { HealthService } from './services/HealthService';
export { UsersService } from './services/UsersService';
export { WalletService } from './services/WalletService';
