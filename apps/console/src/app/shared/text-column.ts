import { DatePipe } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  LOCALE_ID,
  OnDestroy,
  OnInit,
  inject,
  input,
  viewChild,
} from '@angular/core';
import {
  MatCellDef,
  MatColumnDef,
  MatHeaderCellDef,
  MatTable,
  MatTableModule,
} from '@angular/material/table';
import { formatCents } from '@wallet/shared';

/** How a text column shows its value: as it is, as a date and time, or as cents in dollars. */
export type TextColumnKind = 'text' | 'date' | 'amount';

/** A cell's value before it is shown: a date is an ISO text, an amount cents or its text. */
export type CellValue = string | number | null | undefined;

/**
 * A column of a `mat-table` whose cells are text, in one line inside the table:
 * `<app-text-column name="email" header="Email" />` shows each row's `email`; `[value]` reads
 * something else. Like Material's `mat-text-column`, but its header keeps `scope="col"`, a date
 * reads as `date: 'medium'` does, and an amount (cents, or text like `+$1.00`) is right aligned in
 * figures of one width.
 * Columns with links, buttons or more than one text stay hand-written beside these.
 */
@Component({
  selector: 'app-text-column',
  imports: [MatTableModule],
  template: `
    <ng-container matColumnDef>
      <th mat-header-cell *matHeaderCellDef scope="col" [class.number]="kind() === 'amount'">
        {{ header() }}
      </th>
      <td
        mat-cell
        *matCellDef="let row"
        [class.number]="kind() === 'amount'"
        [class.amount]="kind() === 'amount'"
      >
        {{ cellText(row) }}
      </td>
    </ng-container>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class TextColumn implements OnInit, OnDestroy {
  /** The column's name in the table's `columns`, and the field it shows unless `value` is given. */
  readonly name = input.required<string>();
  readonly header = input.required<string>();
  readonly kind = input<TextColumnKind>('text');
  /** What to show of a row (`never`: each table passes a function of its own row type). */
  readonly value = input<(row: never) => CellValue>();

  private readonly table = inject(MatTable);
  private readonly dates = new DatePipe(inject(LOCALE_ID));
  private readonly columnDef = viewChild.required(MatColumnDef);
  private readonly cellDef = viewChild.required(MatCellDef);
  private readonly headerCellDef = viewChild.required(MatHeaderCellDef);

  ngOnInit(): void {
    // The table reads its columns before this component's own bindings run: register the column
    // under its name now, as Material's text column does.
    const columnDef = this.columnDef();
    columnDef.name = this.name();
    columnDef.cell = this.cellDef();
    columnDef.headerCell = this.headerCellDef();
    this.table.addColumnDef(columnDef);
  }

  ngOnDestroy(): void {
    this.table.removeColumnDef(this.columnDef());
  }

  protected cellText(row: Record<string, unknown>): string {
    const read = this.value() as ((row: unknown) => CellValue) | undefined;
    const value = read ? read(row) : (row[this.name()] as CellValue);
    switch (this.kind()) {
      case 'date':
        return this.dates.transform(value, 'medium') ?? '';
      case 'amount':
        return typeof value === 'number' ? formatCents(value) : typeof value === 'string' ? value : '—';
      case 'text':
        return value === null || value === undefined ? '' : String(value);
    }
  }
}
