import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsEmail, MaxLength } from 'class-validator';
import { AmountField } from './amount.decorator';

export class AmountRequestDto {
  @AmountField()
  amount!: number;
}

export class TransferRequestDto {
  @ApiProperty({
    format: 'email',
    example: 'grace@example.com',
    description: 'The email the recipient registered with.',
  })
  @Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' ? value.trim().toLowerCase() : value,
  )
  @IsEmail({}, { message: 'recipientEmail must be a valid email address' })
  @MaxLength(254)
  recipientEmail!: string;

  @AmountField()
  amount!: number;
}
