import AxeBuilder from '@axe-core/playwright';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Browser, BrowserContext, chromium, Locator, Page } from 'playwright-core';

/** Debian's Chromium (`apt-get install chromium`); Playwright never downloads a browser here. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const ARTIFACTS = join(__dirname, '../../../../test-artifacts/console');

export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM))
    throw new Error(
      `Chromium is not installed at ${CHROMIUM}: run \`apt-get install -y chromium\` (.ci/run does).`,
    );
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-background-networking',
      '--disable-gpu',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/** A fresh browser profile (no storage shared with other people in the test) at `baseURL`. */
export async function newPerson(
  browser: Browser,
  baseURL: string,
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ baseURL, viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  return { context, page };
}

/** Saves a full-page screenshot under test-artifacts/console (not committed). */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
}

/** axe-core on the page as it is now: no serious or critical WCAG 2.1 A/AA violation. */
export async function expectAccessible(page: Page, name: string): Promise<void> {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  const serious = results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => ({
      page: name,
      id: violation.id,
      impact: violation.impact,
      help: violation.help,
      targets: violation.nodes.map((node) => node.target.join(' ')).slice(0, 5),
    }));
  expect(serious).toEqual([]);
}

/** Screenshot plus accessibility scan: what every page of the console gets. */
export async function checkPage(page: Page, name: string): Promise<void> {
  // Let a button's click ripple fade: half-way through it is neither colour, and axe would
  // measure the contrast of that passing frame.
  await page.mouse.move(1, 1);
  const ripples = page.locator('.mat-ripple-element');
  for (let tries = 0; tries < 50 && (await ripples.count()) > 0; tries++) await page.waitForTimeout(50);
  await screenshot(page, name);
  await expectAccessible(page, name);
}

/**
 * Waits until one of the elements `locator` matches shows `text`, as a person reads it: the
 * rendered text (table cells apart) with runs of whitespace as one space.
 */
export async function expectText(locator: Locator, text: string | RegExp, timeout = 10_000): Promise<void> {
  const deadline = Date.now() + timeout;
  const matches = (seen: string) => (typeof text === 'string' ? seen.includes(text) : text.test(seen));
  let seen: string[] = [];
  for (;;) {
    seen = (await locator.allInnerTexts().catch(() => [] as string[])).map((t) =>
      t.replace(/\s+/g, ' ').trim(),
    );
    if (seen.some(matches)) return;
    if (Date.now() > deadline) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`expected ${String(text)} in ${locator.toString()}; saw ${JSON.stringify(seen)}`);
}

/** Waits for the path (e.g. `/dashboard`) and returns it. */
export async function expectPath(page: Page, path: string, timeout = 10_000): Promise<void> {
  await page.waitForURL((url) => url.pathname === path, { timeout });
}
