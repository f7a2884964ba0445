import { ApiError } from '@wallet/sdk';
import { PagedRows, RowsPage } from './paged-rows';

/** A fetch whose answer the test gives when it chooses. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (reason: unknown) => void;
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

const page = (items: string[], total = items.length): RowsPage<string> => ({ items, total });

function apiError(status: number, code: string): ApiError {
  return new ApiError(
    { method: 'GET', url: '/api/v1/x' },
    { url: '/api/v1/x', ok: false, status, statusText: '', body: { status, code, title: 'x', detail: 'x' } },
    'error',
  );
}

describe('PagedRows', () => {
  it('shows a page with its total, loading while it comes', async () => {
    const list = new PagedRows<string>();
    const answer = deferred<RowsPage<string>>();
    const done = list.fetch(() => answer.promise);
    expect(list.loading()).toBe(true);
    answer.resolve(page(['a', 'b'], 7));
    await done;
    expect([list.rows(), list.total(), list.loading(), list.error()]).toEqual([['a', 'b'], 7, false, null]);
  });

  it('keeps the latest request when an older answer arrives after it', async () => {
    const list = new PagedRows<string>();
    const [older, newer] = [deferred<RowsPage<string>>(), deferred<RowsPage<string>>()];
    const first = list.fetch(() => older.promise);
    const second = list.fetch(() => newer.promise);
    newer.resolve(page(['page 2']));
    await second;
    older.resolve(page(['page 1']));
    await first;
    expect(list.rows()).toEqual(['page 2']);
    expect(list.loading()).toBe(false);
  });

  it('ignores the failure of a request that a newer one replaced', async () => {
    const list = new PagedRows<string>();
    const [older, newer] = [deferred<RowsPage<string>>(), deferred<RowsPage<string>>()];
    const first = list.fetch(() => older.promise);
    const second = list.fetch(() => newer.promise);
    older.reject(new TypeError('Failed to fetch'));
    await first;
    expect([list.error(), list.loading()]).toEqual([null, true]);
    newer.resolve(page(['fresh']));
    await second;
    expect([list.rows(), list.error(), list.loading()]).toEqual([['fresh'], null, false]);
  });

  it('says what went wrong in words, keeping the rows it had, and clears it on success', async () => {
    const list = new PagedRows<string>('admin');
    await list.fetch(() => Promise.resolve(page(['kept'])));
    await list.fetch(() => Promise.reject(new TypeError('Failed to fetch')));
    expect(list.error()).toMatch(/^Could not reach the server/);
    expect(list.rows()).toEqual(['kept']);
    await list.fetch(() => Promise.resolve(page(['new'])));
    expect(list.error()).toBeNull();
  });

  it('leaves an ended session to the session handling: no error shown', async () => {
    const list = new PagedRows<string>();
    await list.fetch(() => Promise.reject(apiError(401, 'SESSION_EXPIRED')));
    expect([list.error(), list.loading()]).toEqual([null, false]);
  });
});
