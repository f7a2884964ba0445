import { Pipe, PipeTransform } from '@angular/core';
import { formatCents } from '@wallet/shared';

/** Integer cents as dollars: `1234 | money` is `$12.34` (docs/design.md §10). */
@Pipe({ name: 'money' })
export class MoneyPipe implements PipeTransform {
  transform(cents: number | null | undefined): string {
    return cents === null || cents === undefined ? '—' : formatCents(cents);
  }
}
