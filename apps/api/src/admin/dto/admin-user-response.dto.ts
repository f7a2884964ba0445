import { ApiProperty } from '@nestjs/swagger';
import { PageDto } from '../../common/http/page.dto';
import { mapUser, UserResponseDto } from '../../users/dto/user-response.dto';
import type { AdminUserRow } from '../admin-users.repository';

/** A user with their wallet, as admins see them (docs/design.md §5); wallet fields are null for admins. */
export class AdminUserResponseDto extends UserResponseDto {
  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  walletId!: string | null;

  @ApiProperty({ type: 'integer', nullable: true, example: 12345, description: 'Integer cents.' })
  balance!: number | null;

  @ApiProperty({ type: Boolean, nullable: true })
  frozen!: boolean | null;

  @ApiProperty({ type: String, nullable: true, example: 'Suspicious activity reported' })
  frozenReason!: string | null;
}

export function mapAdminUser(row: AdminUserRow): AdminUserResponseDto {
  return {
    ...mapUser(row),
    walletId: row.walletId,
    balance: row.balance,
    frozen: row.frozen,
    frozenReason: row.frozenReason,
  };
}

export class AdminUserPageDto extends PageDto(AdminUserResponseDto) {}
