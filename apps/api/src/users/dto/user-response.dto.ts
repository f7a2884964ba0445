import { ApiProperty } from '@nestjs/swagger';
import { Role, UserStatus } from '@wallet/shared';
import type { UserRow } from '@wallet/database';

export class UserResponseDto {
  @ApiProperty({ format: 'uuid', example: '3f1c2b8e-6a0e-4d83-9a43-0f1f6f3c2d11' })
  id!: string;

  @ApiProperty({ example: 'Ada Lovelace' })
  name!: string;

  @ApiProperty({ format: 'idn-email', example: 'ada@example.com' })
  email!: string;

  @ApiProperty({ enum: Role, enumName: 'Role', example: Role.USER })
  role!: Role;

  @ApiProperty({ enum: UserStatus, enumName: 'UserStatus', example: UserStatus.ACTIVE })
  status!: UserStatus;

  @ApiProperty({ type: String, format: 'date-time' })
  createdAt!: Date;
}

/** Copies the public fields only; a password hash can never reach the wire. */
export function mapUser(user: UserRow): UserResponseDto {
  return {
    id: user.id,
    name: user.name,
    email: user.email,
    role: user.role,
    status: user.status,
    createdAt: user.createdAt,
  };
}
