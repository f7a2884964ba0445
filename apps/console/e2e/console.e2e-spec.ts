import { readdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { closeTestDb, expectLedgerHolds, testDb } from '@wallet/testing/db';
import { balanceOf, deposit, historyOf } from '@wallet/testing/money';
import { startApi, TestApi } from '@wallet/testing/test-app';
import { createAdmin, createUser, newUserBody, TestUser } from '@wallet/testing/users';
import { sleep } from '@wallet/testing/wait';
import { checkPage, expectPath, expectText, launchBrowser, newPerson } from './support/browser';
import {
  assertConsoleBuilt,
  CONSOLE_INDEX,
  ConsoleServer,
  startConsoleServer,
} from './support/console-server';

/**
 * The console in Debian's Chromium against a real API (docs/design.md §10): what a person sees and does.
 * Each person has their own browser context; the tests of a describe run in order and share them.
 */

/** Enough sign-ins for the whole file from one address and email. */
const API_SETTINGS = { LOGIN_RATE_LIMIT_PER_EMAIL: '1000' };

async function signIn(page: Page, path: '/login' | '/admin/login', email: string, password: string) {
  await page.goto(path);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

const statusMessage = (page: Page) => page.getByRole('status');
const alertMessage = (page: Page) => page.getByRole('alert');

describe('web console', () => {
  let api: TestApi;
  let server: ConsoleServer;
  let browser: Browser;
  let admin: TestUser;
  let recipient: TestUser;
  let userPage: Page;
  let adminPage: Page;
  /** Registers through the console. */
  const person = newUserBody('console');

  beforeAll(async () => {
    assertConsoleBuilt();
    [api, browser] = await Promise.all([startApi(API_SETTINGS), launchBrowser()]);
    server = await startConsoleServer(await api.app.getUrl());
    [admin, recipient] = await Promise.all([createAdmin(api), createUser(api, 'recipient')]);
    userPage = (await newPerson(browser, server.url)).page;
    adminPage = (await newPerson(browser, server.url)).page;
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await api?.close();
    await closeTestDb();
  });

  it('serves every hashed build file to be cached for good, and its pages never cached', async () => {
    const built = readdirSync(dirname(CONSOLE_INDEX)).filter((name) => /\.(js|css)$/.test(name));
    expect(built.length).toBeGreaterThan(2);
    for (const name of built) {
      const answer = await fetch(`${server.url}/${name}`);
      await answer.arrayBuffer();
      expect([name, answer.status, answer.headers.get('cache-control')]).toEqual([
        name,
        200,
        'public, max-age=31536000, immutable',
      ]);
    }
    const page = await fetch(`${server.url}/dashboard`);
    await page.arrayBuffer();
    expect([page.status, page.headers.get('cache-control')]).toEqual([200, 'no-cache']);
  });

  it('registers a user, who signs out and signs in again', async () => {
    const page = userPage;
    await page.goto('/');
    await expectPath(page, '/login');
    await checkPage(page, 'login');

    await page.getByRole('link', { name: 'Create an account' }).click();
    await expectPath(page, '/register');
    expect(await page.title()).toBe('Register · Digital Wallet');
    // The form explains what is wrong before anything is sent.
    await page.getByRole('button', { name: 'Register' }).click();
    await expectText(page.locator('mat-error'), 'Enter your name.');
    await checkPage(page, 'register');

    await page.getByLabel('Name').fill(person.name);
    await page.getByLabel('Email').fill(person.email);
    await page.getByLabel('Password').fill(person.password);
    await page.getByRole('button', { name: 'Register' }).click();
    await expectPath(page, '/dashboard');
    await expectText(page.getByTestId('balance'), '$0.00');
    await expectText(page.getByRole('banner'), person.name);

    await page.getByRole('button', { name: 'Sign out' }).click();
    await expectPath(page, '/login');
    await expectText(statusMessage(page), 'You have signed out.');

    await page.getByLabel('Email').fill(person.email);
    await page.getByLabel('Password').fill('not the password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expectText(alertMessage(page), 'The email or password is not right.');

    await page.getByLabel('Password').fill(person.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expectPath(page, '/dashboard');
    expect(await page.title()).toBe('Dashboard · Digital Wallet');
  });

  it('lets an admin sign in through /admin/login, find the user and deposit', async () => {
    const page = adminPage;
    await page.goto('/admin/login');
    await checkPage(page, 'admin-login');
    await signIn(page, '/admin/login', admin.email, admin.password);
    await expectPath(page, '/admin/users');
    await expectText(page.getByRole('table'), recipient.email);
    await checkPage(page, 'admin-users');

    await page.getByLabel('Search').fill(person.email);
    await expectText(page.getByRole('row'), person.email);
    await page.getByRole('link', { name: person.name }).click();
    await page.waitForURL(/\/admin\/users\/[0-9a-f-]{36}$/);
    await expectText(page.getByRole('heading', { level: 1 }), person.name);

    await page.getByLabel('Amount').fill('abc');
    await page.getByRole('button', { name: 'Deposit' }).click();
    await expectText(page.locator('mat-error'), 'Enter an amount in dollars');

    await page.getByLabel('Amount').fill('150');
    await page.getByRole('button', { name: 'Deposit' }).click();
    await expectText(statusMessage(page), 'Deposited $150.00. Their balance is now $150.00.');
    await expectText(page.getByTestId('balance'), '$150.00');
    await expectText(page.getByRole('row'), /Deposit\s+\+\$150\.00\s+Success/);
    await checkPage(page, 'admin-user-detail');
  });

  it('transfers and withdraws, showing the new balance and history', async () => {
    const page = userPage;
    await page.getByRole('link', { name: 'Transfer', exact: true }).click();
    await expectPath(page, '/transfer');
    await expectText(page.getByRole('main'), 'Balance $150.00');
    await page.getByLabel('Recipient email').fill(recipient.email);
    await page.getByLabel('Amount').fill('25.50');
    // A double click sends one transfer.
    await page.getByRole('button', { name: 'Transfer', exact: true }).dblclick();
    await expectText(statusMessage(page), `Sent $25.50 to ${recipient.name}. Your balance is now $124.50.`);
    await checkPage(page, 'transfer');

    await page.getByRole('link', { name: 'Withdraw', exact: true }).click();
    await expectPath(page, '/withdraw');
    await page.getByLabel('Amount').fill('20');
    // The API withdraws, but its answer is lost on the way back: the person sees a network error.
    let firstKey = '';
    await page.route(
      '**/api/v1/wallet/withdraw',
      async (route) => {
        firstKey = route.request().headers()['idempotency-key'];
        await route.fetch();
        await route.abort('connectionreset');
      },
      { times: 1 },
    );
    await page.getByRole('button', { name: 'Withdraw', exact: true }).click();
    await expectText(alertMessage(page), 'Could not reach the server.');
    // Trying the same withdrawal again sends the same key, so the API answers the first one again.
    const retry = page.waitForRequest('**/api/v1/wallet/withdraw');
    await page.getByRole('button', { name: 'Withdraw', exact: true }).click();
    expect((await retry).headers()['idempotency-key']).toBe(firstKey);
    await expectText(statusMessage(page), 'Withdrew $20.00. Your balance is now $104.50.');
    await checkPage(page, 'withdraw');

    await page.getByRole('link', { name: 'History' }).click();
    await expectPath(page, '/history');
    const rows = page.getByRole('row');
    await expectText(rows, /Withdrawal\s+-\$20\.00\s+Success\s+—\s+\$104\.50/);
    await expectText(
      rows,
      new RegExp(`Transfer sent\\s+-\\$25\\.50\\s+Success\\s+${recipient.name}\\s+\\$124\\.50`),
    );
    await expectText(
      rows,
      new RegExp(`Deposit\\s+\\+\\$150\\.00\\s+Success\\s+${admin.name}\\s+\\$150\\.00`),
    );
    expect(await rows.count()).toBe(4); // the header and one row per money move: nothing twice
    await checkPage(page, 'history');

    await page.getByRole('link', { name: 'Dashboard' }).click();
    await expectText(page.getByTestId('balance'), '$104.50');
    await expectText(page.getByRole('main'), 'Withdrawn $20.00 of $100.00 · $80.00 left');
    await expectText(page.getByRole('main'), 'Sent $25.50 of $100.00 · $74.50 left');
    expect(await page.getByRole('progressbar').count()).toBe(2);
    await page
      .getByRole('img', { name: /Balance over your last 3 transactions: from \$150\.00 to \$104\.50/ })
      .waitFor();
    await checkPage(page, 'dashboard');
  });

  it('shows a refused withdrawal with its reason in words', async () => {
    const page = userPage;
    await page.getByRole('link', { name: 'Withdraw', exact: true }).click();
    await page.getByLabel('Amount').fill('12.345');
    await page.getByRole('button', { name: 'Withdraw', exact: true }).click();
    await expectText(page.locator('mat-error'), 'at most two decimals');

    await page.getByLabel('Amount').fill('90');
    await page.getByRole('button', { name: 'Withdraw', exact: true }).click();
    await expectText(alertMessage(page), 'This would go over your daily withdrawal limit.');
    await expectText(page.getByRole('main'), 'You can withdraw up to $80.00 more today.');
    await checkPage(page, 'withdraw-refused');

    await page.getByRole('link', { name: 'History' }).click();
    await page.getByRole('combobox', { name: 'Status' }).click();
    await page.getByRole('option', { name: 'Failed' }).click();
    await expectText(page.locator('mat-paginator'), '1 – 1 of 1');
    await expectText(
      page.getByRole('row'),
      /Withdrawal\s+-\$90\.00\s+Failed\s+—\s+\$104\.50\s+Over the daily limit/,
    );
  });

  it('shows a freeze set by an admin to the user', async () => {
    await adminPage.getByLabel('Reason').fill('Suspicious activity');
    await adminPage.getByRole('button', { name: 'Freeze' }).click();
    await expectText(adminPage.getByTestId('frozen'), 'Frozen (Suspicious activity)');
    await expectText(adminPage.locator('mat-snack-bar-container'), 'Wallet frozen.');

    await userPage.getByRole('link', { name: 'Dashboard' }).click();
    await expectText(statusMessage(userPage), 'Your wallet is frozen.');
    await expectText(userPage.getByTestId('frozen-reason'), 'Reason given: Suspicious activity');
    await checkPage(userPage, 'dashboard-frozen');
    await userPage.getByRole('link', { name: 'Withdraw', exact: true }).click();
    await userPage.getByLabel('Amount').fill('5');
    await userPage.getByRole('button', { name: 'Withdraw', exact: true }).click();
    await expectText(alertMessage(userPage), 'Your wallet is frozen, so money cannot be withdrawn or sent.');

    await adminPage.getByRole('button', { name: 'Unfreeze' }).click();
    await expectText(adminPage.getByTestId('frozen'), 'Not frozen');
    // The user's page lists the actions on them, the newest first, without a user column.
    const actions = adminPage
      .getByRole('table', { name: `Admin actions on ${person.name}, newest first` })
      .getByRole('row');
    await expectText(actions.nth(1), new RegExp(`${admin.name}\\s+Unfreeze$`));
    await expectText(actions.nth(2), new RegExp(`${admin.name}\\s+Freeze\\s+Suspicious activity$`));
    await expectText(actions.nth(3), new RegExp(`${admin.name}\\s+Deposit\\s+\\$150\\.00 deposited`));
    await checkPage(adminPage, 'admin-user-detail-actions');

    await adminPage.getByRole('link', { name: 'Audit log' }).click();
    await expectPath(adminPage, '/admin/audit-log');
    const rows = adminPage.getByRole('row');
    await expectText(rows, new RegExp(`${admin.name}\\s+Unfreeze\\s+${person.name}`));
    await expectText(rows, new RegExp(`${admin.name}\\s+Freeze\\s+${person.name}\\s+Suspicious activity`));
    await expectText(rows, new RegExp(`${admin.name}\\s+Deposit\\s+${person.name}`));
    await checkPage(adminPage, 'admin-audit-log');
  });

  it('lists undelivered mail to an admin, who resends one and abandons another', async () => {
    // As the worker leaves them during an SMTP outage (no worker runs here, so nothing is sent).
    const suffix = newUserBody('mail').email.split('@')[0];
    const [stuck, givenUp] = [`stuck-${suffix}@example.com`, `given-up-${suffix}@example.com`];
    await testDb().query(
      `INSERT INTO email_deliveries (id, kind, payload, recipient, attempts, last_error, next_attempt_at)
       VALUES ($1, 'deposit-email', '{}', $2, 14, 'connect ECONNREFUSED 127.0.0.1:1025', now() + interval '1 hour'),
              ($3, 'account-frozen-email', '{}', $4, 3, 'connect ECONNREFUSED 127.0.0.1:1025', now() + interval '1 hour')`,
      [`console-${suffix}-1`, stuck, `console-${suffix}-2`, givenUp],
    );
    const deliveryOf = async (id: string) =>
      (
        await testDb().query<{ status: string; attempts: number }>(
          'SELECT status, attempts FROM email_deliveries WHERE id = $1',
          [id],
        )
      ).rows[0];

    await adminPage.getByRole('link', { name: 'Emails' }).click();
    await expectPath(adminPage, '/admin/emails');
    const rows = adminPage.getByRole('row');
    await expectText(rows, new RegExp(`${stuck}\\s+Deposit\\s+Pending.*14\\s+connect ECONNREFUSED`));
    await checkPage(adminPage, 'admin-emails');

    await adminPage.getByRole('button', { name: `Resend the email to ${stuck}` }).click();
    await expectText(adminPage.locator('mat-snack-bar-container'), 'Email queued to be sent again.');
    expect(await deliveryOf(`console-${suffix}-1`)).toEqual({ status: 'pending', attempts: 0 });

    await adminPage.getByRole('button', { name: `Abandon the email to ${givenUp}` }).click();
    const dialog = adminPage.getByRole('alertdialog');
    await expectText(dialog, 'Abandon this email?');
    await dialog.getByRole('button', { name: 'Abandon' }).click();
    await expectText(rows, new RegExp(`${givenUp}\\s+Account frozen\\s+Abandoned`));
    expect(await deliveryOf(`console-${suffix}-2`)).toMatchObject({ status: 'abandoned' });
  });

  it('sends a person back to sign in, with a message, when their session ends elsewhere', async () => {
    const { context, page } = await newPerson(browser, server.url);
    await signIn(page, '/login', recipient.email, recipient.password);
    await expectText(page.getByTestId('balance'), '$25.50');

    // An admin deactivates them (behind a confirmation), which ends their sessions at once.
    await adminPage.getByRole('link', { name: 'Users' }).click();
    await adminPage.getByLabel('Search').fill(recipient.email);
    await adminPage.getByRole('link', { name: recipient.name }).click();
    await adminPage.getByRole('button', { name: 'Deactivate' }).click();
    const dialog = adminPage.getByRole('alertdialog');
    await expectText(dialog, `Deactivate ${recipient.name}?`);
    await dialog.getByRole('button', { name: 'Deactivate' }).click();
    await expectText(adminPage.getByTestId('status'), 'Inactive');

    await page.getByRole('link', { name: 'History' }).click();
    await expectPath(page, '/login');
    await expectText(statusMessage(page), 'Your session has ended');

    await adminPage.getByRole('button', { name: 'Activate' }).click();
    await expectText(adminPage.getByTestId('status'), 'Active');
    await context.close();
  });

  it('deactivates the own account behind a confirmation', async () => {
    const page = userPage;
    await page.getByRole('link', { name: 'Account' }).click();
    await expectPath(page, '/account');
    await checkPage(page, 'account');

    await page.getByRole('button', { name: 'Deactivate' }).click();
    const dialog = page.getByRole('alertdialog');
    await expectText(dialog, 'Deactivate your account?');
    await checkPage(page, 'account-confirm');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'detached' });
    await expectPath(page, '/account');

    await page.getByRole('button', { name: 'Deactivate' }).click();
    await dialog.getByRole('button', { name: 'Deactivate' }).click();
    await expectPath(page, '/login');
    await expectText(statusMessage(page), 'Your account is deactivated');

    await signIn(page, '/login', person.email, person.password);
    await expectText(alertMessage(page), 'This account is deactivated, so it cannot sign in.');
    await expectLedgerHolds();
  });
});

describe('corrections in the console (docs/design.md §13)', () => {
  let api: TestApi;
  let server: ConsoleServer;
  let browser: Browser;
  let admin: TestUser;
  let sender: TestUser;
  let recipient: TestUser;
  let userPage: Page;
  let adminPage: Page;

  beforeAll(async () => {
    assertConsoleBuilt();
    [api, browser] = await Promise.all([startApi(API_SETTINGS), launchBrowser()]);
    server = await startConsoleServer(await api.app.getUrl());
    [admin, sender, recipient] = await Promise.all([
      createAdmin(api, 'corrector'),
      createUser(api, 'sender'),
      createUser(api, 'payee'),
    ]);
    await deposit(api, admin, sender.id, 10_000).expect(201);
    userPage = (await newPerson(browser, server.url)).page;
    adminPage = (await newPerson(browser, server.url)).page;
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await api?.close();
    await closeTestDb();
  });

  /** The text of a downloaded statement, started by `click`. */
  async function downloadedStatement(page: Page, click: () => Promise<void>) {
    const [download] = await Promise.all([page.waitForEvent('download'), click()]);
    expect(download.suggestedFilename()).toMatch(/^statement-\d{4}-\d{2}-\d{2}-to-\d{4}-\d{2}-\d{2}\.csv$/);
    return readFileSync(await download.path(), 'utf8');
  }

  it('sends a transfer with a memo, shown in the history of both', async () => {
    const page = userPage;
    await signIn(page, '/login', sender.email, sender.password);
    await expectPath(page, '/dashboard');
    await page.getByRole('link', { name: 'Transfer', exact: true }).click();
    await page.getByLabel('Recipient email').fill(recipient.email);
    await page.getByLabel('Amount').fill('12.50');
    await page.getByLabel('Memo').fill('Concert tickets');
    await page.getByRole('button', { name: 'Transfer', exact: true }).click();
    await expectText(statusMessage(page), `Sent $12.50 to ${recipient.name}. Your balance is now $87.50.`);
    const [incoming] = (await historyOf(api, recipient)).items;
    expect(incoming).toMatchObject({ type: 'transfer_in', memo: 'Concert tickets' });

    await page.getByRole('link', { name: 'History' }).click();
    await expectText(page.getByRole('row'), /Transfer sent\s+-\$12\.50\s+Success.*Concert tickets/);
    // The date range: nothing from tomorrow on; a range that ends before it starts is refused.
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    await page.getByLabel('From', { exact: true }).fill(tomorrow);
    await expectText(page.getByRole('row'), 'No transactions to show.');
    await page.getByLabel('To', { exact: true }).fill(new Date().toISOString().slice(0, 10));
    await expectText(alertMessage(page), '“To” is before “From”');
    await page.getByLabel('From', { exact: true }).fill('');
    await expectText(page.getByRole('row'), /Transfer sent\s+-\$12\.50/);
    await checkPage(page, 'history-memo');
  });

  it('lets an admin reverse the transfer, with a reason, behind a confirmation', async () => {
    const page = adminPage;
    await signIn(page, '/admin/login', admin.email, admin.password);
    await expectPath(page, '/admin/users');
    await page.goto(`/admin/users/${sender.id}`);
    await expectText(page.getByTestId('balance'), '$87.50');
    const sent = page.getByRole('row', { name: /Transfer sent/ });
    await sent.getByRole('button', { name: /^Reverse transaction/ }).click();
    const dialog = page.getByRole('alertdialog');
    await expectText(dialog, 'Reverse this transfer sent?');
    await checkPage(page, 'admin-reverse-dialog');
    // Cancelling changes nothing.
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'detached' });
    await sent.getByRole('button', { name: /^Reverse transaction/ }).click();
    await dialog.getByRole('button', { name: 'Reverse', exact: true }).click();
    await expectText(dialog, 'Enter your reason.');
    await dialog.getByLabel('Reason').fill('Sent to the wrong person');
    await dialog.getByRole('button', { name: 'Reverse', exact: true }).click();
    await dialog.waitFor({ state: 'detached' });
    await expectText(page.locator('mat-snack-bar-container'), 'Transaction reversed.');
    await expectText(page.getByTestId('balance'), '$100.00');
    const rows = page.getByRole('row');
    await expectText(
      rows,
      /Reversal\s+\$12\.50\s+Success\s+.*\$100\.00.*Sent to the wrong person\s+Reverses …/,
    );
    await expectText(rows, /Transfer sent\s+-\$12\.50\s+Success.*Reversed by …/);
    // A reversed row offers no second reversal.
    expect(await sent.getByRole('button', { name: /^Reverse transaction/ }).count()).toBe(0);
    // The link moves to the row it names.
    await page
      .getByRole('row', { name: /^.*Reversal/ })
      .getByRole('link', { name: /Reverses/ })
      .click();
    await expectText(page.locator('tr.highlighted'), 'Transfer sent');
    await expectText(page.getByRole('row'), /Reverse\s+.*Sent to the wrong person/);
    await checkPage(page, 'admin-user-reversed');
    expect(await balanceOf(api, recipient)).toBe(0);

    const csv = await downloadedStatement(page, () =>
      page.getByRole('button', { name: 'Download statement' }).click(),
    );
    const lines = csv.trimEnd().split('\r\n');
    expect(lines[0]).toBe('id,createdAt,type,status,amount,balanceAfter,counterparty,memo,failureReason');
    expect(lines.slice(1).map((line) => line.split(',').slice(2, 6))).toEqual([
      ['deposit', 'SUCCESS', '100.00', '100.00'],
      ['transfer_out', 'SUCCESS', '-12.50', '87.50'],
      ['reversal', 'SUCCESS', '12.50', '100.00'],
    ]);
    await expectLedgerHolds();
  });

  it('lets the user download their statement, with the memo and the reversal', async () => {
    const page = userPage;
    await page.reload();
    await expectText(page.getByRole('row'), /Reversal\s+\$12\.50.*Sent to the wrong person/);
    const csv = await downloadedStatement(page, () =>
      page.getByRole('button', { name: 'Download statement' }).click(),
    );
    expect(csv).toContain(`,transfer_out,SUCCESS,-12.50,87.50,${recipient.name},Concert tickets,\r\n`);
    expect(csv).toContain(`,reversal,SUCCESS,12.50,100.00,${recipient.name},Sent to the wrong person,\r\n`);
    await checkPage(page, 'history-reversed');
  });
});

describe('idle sign-out', () => {
  let api: TestApi;
  let server: ConsoleServer;
  let browser: Browser;
  let user: TestUser;
  let page: Page;

  beforeAll(async () => {
    assertConsoleBuilt();
    [api, browser] = await Promise.all([
      startApi({ ...API_SETTINGS, SESSION_IDLE_TIMEOUT_SECONDS: '3' }),
      launchBrowser(),
    ]);
    server = await startConsoleServer(await api.app.getUrl());
    user = await createUser(api, 'idle');
    page = (await newPerson(browser, server.url)).page;
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await api?.close();
  });

  it('keeps an active person signed in past the idle timeout', async () => {
    await signIn(page, '/login', user.email, user.password);
    await expectPath(page, '/dashboard');
    // Twice the timeout with activity and no request of the page's own: refreshes keep it alive.
    for (let step = 0; step < 14; step++) {
      await page.mouse.move(100 + step * 10, 200 + (step % 2) * 40);
      await sleep(450);
    }
    await page.getByRole('link', { name: 'History' }).click();
    await expectPath(page, '/history');
    await expectText(page.getByRole('row'), 'No transactions to show.');
  });

  it('signs an idle person out and says why', async () => {
    const idleFrom = Date.now();
    await expectPath(page, '/login', 8_000);
    expect(Date.now() - idleFrom).toBeGreaterThan(2_000);
    await expectText(statusMessage(page), 'You were signed out because there was no activity for 3 seconds.');
    await checkPage(page, 'login-idle');
  });
});
