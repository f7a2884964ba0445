import type { Type } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import type { PageRequest, RowsPage } from '@wallet/database';

/** Page `{items, page, limit, total}` of every list (docs/design.md §5). */
export interface Page<T> {
  items: T[];
  page: number;
  limit: number;
  total: number;
}

/** The documented class of a page of `item`s; extend it to name it: `class XPageDto extends PageDto(XDto) {}`. */
export function PageDto<T>(item: Type<T>): Type<Page<T>> {
  class PageOfItems implements Page<T> {
    @ApiProperty({ type: [item] })
    items!: T[];

    @ApiProperty({ type: 'integer', example: 1 })
    page!: number;

    @ApiProperty({ type: 'integer', example: 20 })
    limit!: number;

    @ApiProperty({ type: 'integer', example: 42, description: 'Items matching the query, on all pages.' })
    total!: number;
  }
  return PageOfItems;
}

/** The answer for one page of rows: each mapped to its DTO, with the page asked for. */
export function mapPage<Row, Item>(
  rows: RowsPage<Row>,
  { page, limit }: PageRequest,
  map: (row: Row) => Item,
): Page<Item> {
  return { items: rows.items.map(map), page, limit, total: rows.total };
}
