import type { Browser, Page } from 'playwright-core';
import { closeTestDb, expectLedgerHolds } from '@wallet/testing/db';
import { startApi, TestApi } from '@wallet/testing/test-app';
import { totpCode, withinOneStep } from '@wallet/testing/totp';
import { createAdmin, createUser, TestUser } from '@wallet/testing/users';
import { checkPage, expectPath, expectText, launchBrowser, newPerson } from './support/browser';
import { assertConsoleBuilt, ConsoleServer, startConsoleServer } from './support/console-server';

/**
 * The admin second factor and four eyes in the console (docs/design.md §15), in Debian's Chromium
 * against a real API: an admin enrols with a code computed here as their app would, signs in with
 * the next one, requests a deposit above the threshold, and another admin approves and rejects.
 */
const API_SETTINGS = { APPROVAL_THRESHOLD: '100000', LOGIN_RATE_LIMIT_PER_EMAIL: '1000' };

async function signInAsAdmin(page: Page, admin: TestUser): Promise<void> {
  await page.goto('/admin/login');
  await page.getByLabel('Email').fill(admin.email);
  await page.getByLabel('Password').fill(admin.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

describe('admin security in the console', () => {
  let api: TestApi;
  let server: ConsoleServer;
  let browser: Browser;
  let maker: TestUser;
  let checker: TestUser;
  let customer: TestUser;
  let makerPage: Page;
  let checkerPage: Page;

  beforeAll(async () => {
    assertConsoleBuilt();
    [api, browser] = await Promise.all([startApi(API_SETTINGS), launchBrowser()]);
    server = await startConsoleServer(await api.app.getUrl());
    [maker, checker, customer] = await Promise.all([
      createAdmin(api, 'maker'),
      createAdmin(api, 'checker'),
      createUser(api, 'customer'),
    ]);
    makerPage = (await newPerson(browser, server.url)).page;
    checkerPage = (await newPerson(browser, server.url)).page;
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await api?.close();
    await closeTestDb();
  });

  it('enrols an authenticator app, then signs in with its code', async () => {
    const page = makerPage;
    await signInAsAdmin(page, maker);
    await expectPath(page, '/admin/users');
    await page.getByRole('link', { name: 'Security' }).click();
    await expectPath(page, '/admin/security');
    await expectText(page.getByRole('main'), 'Two-step sign-in is off.');

    await withinOneStep();
    await page.getByRole('button', { name: 'Set up two-step sign-in' }).click();
    await page.getByRole('img', { name: 'QR code of your authenticator key' }).waitFor();
    const secret = (await page.getByTestId('totp-secret').innerText()).trim();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    await checkPage(page, 'admin-security-setup');

    await page.getByLabel('Code from the app').fill('000000');
    await page.getByRole('button', { name: 'Turn on' }).click();
    await expectText(page.getByRole('alert'), 'That code is not right.');
    // The code of the step before (still accepted, and then spent): the current one stays fresh.
    await page.getByLabel('Code from the app').fill(await totpCode(secret, -1));
    await page.getByRole('button', { name: 'Turn on' }).click();
    await expectText(page.getByRole('status'), 'Two-step sign-in is on.');
    const codes = page.getByRole('list', { name: 'Recovery codes' }).getByRole('listitem');
    await expectText(codes, /^[0-9a-z]{4}(-[0-9a-z]{4}){3}$/);
    expect(await codes.count()).toBe(10);
    await checkPage(page, 'admin-security-recovery-codes');

    await page.getByRole('button', { name: 'Sign out' }).click();
    await expectPath(page, '/admin/login');
    await signInAsAdmin(page, maker);
    await expectText(page.getByRole('alert'), 'Enter the 6-digit code from your authenticator app');
    await checkPage(page, 'admin-login-code');
    await page.getByLabel('Authenticator code').fill(await totpCode(secret));
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expectPath(page, '/admin/users');

    await page.getByRole('link', { name: 'Security' }).click();
    await expectText(page.getByRole('status'), '10 of 10 recovery codes left');
  });

  it('holds a deposit above the threshold until another admin approves it', async () => {
    const page = makerPage;
    await page.goto(`/admin/users/${customer.id}`);
    await expectText(page.getByRole('heading', { level: 1 }), customer.name);
    await page.getByLabel('Amount').fill('2500');
    await page.getByRole('button', { name: 'Deposit' }).click();
    await expectText(page.getByRole('status'), '$2,500.00 is above the approval threshold');
    await expectText(page.getByTestId('balance'), '$0.00');
    await expectText(
      page.getByRole('row'),
      /Deposit\s+\$2,500\.00\s+Waiting for approval\s+Another admin decides/,
    );
    await checkPage(page, 'admin-user-detail-requested');

    const other = checkerPage;
    await signInAsAdmin(other, checker);
    await expectPath(other, '/admin/users');
    await other.getByRole('link', { name: 'Approvals' }).click();
    await expectPath(other, '/admin/approvals');
    await expectText(
      other.getByRole('row'),
      new RegExp(`${maker.name}\\s+Deposit\\s+${customer.name}\\s+\\$2,500\\.00`),
    );
    await checkPage(other, 'admin-approvals');
    await other.getByRole('button', { name: `Approve the $2,500.00 deposit for ${customer.name}` }).click();
    await expectText(
      other.locator('mat-snack-bar-container'),
      `Approved: $2,500.00 deposited to ${customer.name}.`,
    );
    // The run's database is shared with the other suites, whose requests may be waiting too: this
    // one is not any more.
    await other
      .getByRole('row')
      .filter({ hasText: new RegExp(`${maker.name}\\s+Deposit\\s+${customer.name}\\s+\\$2,500\\.00`) })
      .first()
      .waitFor({ state: 'hidden', timeout: 10_000 });

    await other.goto(`/admin/users/${customer.id}`);
    await expectText(other.getByTestId('balance'), '$2,500.00');
    await expectText(
      other.getByRole('row'),
      new RegExp(`Deposit\\s+\\$2,500\\.00\\s+Approved\\s+${checker.name}`),
    );
    await expectLedgerHolds();
  });

  it('rejects a request with a reason, moving nothing', async () => {
    const page = makerPage;
    await page.goto(`/admin/users/${customer.id}`);
    await page.getByLabel('Amount').fill('5000');
    await page.getByRole('button', { name: 'Deposit' }).click();
    await expectText(page.getByRole('status'), '$5,000.00 is above the approval threshold');

    const other = checkerPage;
    await other.goto('/admin/approvals');
    const reject = other.getByRole('button', { name: `Reject the $5,000.00 deposit for ${customer.name}` });
    await reject.click();
    await expectText(other.locator('mat-error'), 'Enter why you reject the request.');
    await other.getByLabel('Reason for rejecting').fill('Not agreed with finance');
    await reject.click();
    await expectText(
      other.locator('mat-snack-bar-container'),
      `Rejected the $5,000.00 deposit for ${customer.name}.`,
    );
    await other.goto(`/admin/users/${customer.id}`);
    await expectText(other.getByTestId('balance'), '$2,500.00');
    await expectText(
      other.getByRole('row'),
      new RegExp(`Deposit\\s+\\$5,000\\.00\\s+Rejected\\s+${checker.name}: Not agreed with finance`),
    );
    await checkPage(other, 'admin-user-detail-decisions');
    await expectLedgerHolds();
  });

  it('holds a reversal above the threshold until another admin approves it', async () => {
    const page = makerPage;
    await page.goto(`/admin/users/${customer.id}`);
    await expectText(page.getByTestId('balance'), '$2,500.00');
    await page
      .getByRole('row', { name: /Deposit/ })
      .getByRole('button', { name: /^Reverse transaction/ })
      .click();
    const dialog = page.getByRole('alertdialog');
    await dialog.getByLabel('Reason').fill('Deposited to the wrong account');
    await dialog.getByRole('button', { name: 'Reverse', exact: true }).click();
    await dialog.waitFor({ state: 'detached' });
    await expectText(
      page.locator('mat-snack-bar-container'),
      'Above the approval threshold: the reversal waits for another administrator to approve it.',
    );
    await expectText(page.getByTestId('balance'), '$2,500.00');
    await expectText(
      page.getByRole('row'),
      /Reversal: Deposited to the wrong account\s+\$2,500\.00\s+Waiting for approval\s+Another admin decides/,
    );

    const other = checkerPage;
    await other.goto('/admin/approvals');
    await other.getByRole('button', { name: `Approve the $2,500.00 reversal for ${customer.name}` }).click();
    await expectText(other.locator('mat-snack-bar-container'), 'Approved: the $2,500.00 reversal is done.');
    await other.goto(`/admin/users/${customer.id}`);
    await expectText(other.getByTestId('balance'), '$0.00');
    await expectText(other.getByRole('row'), /Reversal\s+\$2,500\.00\s+Success/);
    await checkPage(other, 'admin-user-detail-reversal-approved');
    await expectLedgerHolds();
  });
});
