import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsOptional, IsString, Length, MaxLength } from 'class-validator';
import { NormalizedEmail, PlainText } from '../../common/http/field-transforms';
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

  @ApiPropertyOptional({
    minLength: 1,
    maxLength: 140,
    example: 'Rent, March',
    description: 'A note for both parties, on both rows of the transfer (docs/design.md §13).',
  })
  @IsOptional()
  @IsString()
  @PlainText()
  @Length(1, 140)
  memo?: string;
}
