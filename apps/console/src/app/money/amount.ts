import { AbstractControl, ValidationErrors, ValidatorFn } from '@angular/forms';
import {
  type Cents,
  formatCents,
  MAX_AMOUNT_CENTS,
  MIN_AMOUNT_CENTS,
  parseDollarsToCents,
} from '@wallet/shared';

/**
 * A dollar amount typed by a person, read exactly into cents by `parseDollarsToCents` (never by
 * multiplying a float). Errors carry the sentence to show under the field.
 */
export const amountValidator: ValidatorFn = (control: AbstractControl<string>): ValidationErrors | null => {
  const text = (control.value ?? '').trim();
  if (text === '') return { amount: 'Enter an amount.' };
  const cents = parseDollarsToCents(text);
  if (cents === null) return { amount: 'Enter an amount in dollars, like 12.50 (at most two decimals).' };
  if (cents < MIN_AMOUNT_CENTS || cents > MAX_AMOUNT_CENTS)
    return {
      amount: `Enter an amount between ${formatCents(MIN_AMOUNT_CENTS)} and ${formatCents(MAX_AMOUNT_CENTS)}.`,
    };
  return null;
};

/** The cents of a control that passed `amountValidator`. */
export function centsOf(text: string): Cents {
  const cents = parseDollarsToCents(text);
  if (cents === null) throw new Error('amount was not validated');
  return cents;
}
