import { ApiProperty } from '@nestjs/swagger';
import { IsEmail, MaxLength } from 'class-validator';
import { NormalizedEmail } from '../../common/http/field-transforms';
import { AmountField } from './amount.decorator';

export class AmountRequestDto {
  @AmountField()
  amount!: number;
}

export class TransferRequestDto {
  @ApiProperty({
    format: 'idn-email',
    example: 'grace@example.com',
    description: 'The email the recipient registered with.',
  })
  @NormalizedEmail()
  @IsEmail({}, { message: 'recipientEmail must be a valid email address' })
  @MaxLength(254)
  recipientEmail!: string;

  @AmountField()
  amount!: number;
}
