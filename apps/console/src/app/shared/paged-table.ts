import {
  ChangeDetectionStrategy,
  Component,
  afterNextRender,
  computed,
  contentChild,
  input,
  model,
  output,
  viewChild,
} from '@angular/core';
import { MatPaginatorModule, PageEvent } from '@angular/material/paginator';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatNoDataRow, MatTable, MatTableModule } from '@angular/material/table';
import { PagedRows } from './paged-rows';

/**
 * Around a page's `<table mat-table>` of `PagedRows`: the error in words, a progress bar while a
 * page loads, the row that stands in for no rows ("Loading…" or `emptyText`), and the pager (page
 * size, previous/next, "1 – 20 of 57"). The page keeps its columns and row definitions; the page
 * index and size are two-way (`[(pageIndex)]`, `[(pageSize)]`), so a page that loads from a
 * `computed` query reloads by itself, and `(page)` says when a person changed either.
 */
@Component({
  selector: 'app-paged-table',
  imports: [MatTableModule, MatPaginatorModule, MatProgressBarModule],
  template: `
    @if (message(); as message) {
      <p class="message error" role="alert">{{ message }}</p>
    }
    <div class="progress">
      @if (list().loading()) {
        <mat-progress-bar mode="indeterminate" [attr.aria-label]="loadingLabel()" />
      }
    </div>
    <div class="table-wrap">
      <ng-content />
    </div>
    <mat-paginator
      [length]="list().total()"
      [pageIndex]="pageIndex()"
      [pageSize]="pageSize()"
      [pageSizeOptions]="pageSizeOptions()"
      (page)="onPage($event)"
      [attr.aria-label]="pagesLabel()"
    />
    <ng-template matNoDataRow>
      <tr class="mat-mdc-row">
        <td class="mat-mdc-cell empty" [attr.colspan]="columnCount()">
          {{ list().loading() ? 'Loading…' : emptyText() }}
        </td>
      </tr>
    </ng-template>
  `,
  styles: `
    :host {
      display: block;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PagedTable {
  readonly list = input.required<PagedRows<unknown>>();
  /** Shown above the table when the list has no error of its own, e.g. a row action that failed. */
  readonly error = input<string | null>(null);
  /** Names the progress bar, e.g. `Loading users`. */
  readonly loadingLabel = input.required<string>();
  /** Names the pager, e.g. `Pages of users`. */
  readonly pagesLabel = input.required<string>();
  /** The one row of a list with nothing in it, once it has loaded. */
  readonly emptyText = input.required<string>();
  /** How many columns the table shows, for the width of that row. */
  readonly columnCount = input.required<number>();
  readonly pageSizeOptions = input([10, 20, 50, 100]);
  readonly pageIndex = model(0);
  readonly pageSize = model(20);
  readonly page = output<PageEvent>();

  protected readonly message = computed(() => this.list().error() ?? this.error());
  private readonly table = contentChild.required(MatTable);
  private readonly noDataRow = viewChild.required(MatNoDataRow);

  constructor() {
    // The table is the page's, the stand-in row this component's: hand it to the table, which
    // shows it whenever it renders no rows.
    afterNextRender(() => {
      this.table().setNoDataRow(this.noDataRow());
      this.table().renderRows();
    });
  }

  protected onPage(event: PageEvent): void {
    this.pageSize.set(event.pageSize);
    this.pageIndex.set(event.pageIndex);
    this.page.emit(event);
  }
}
