import AxeBuilder from '@axe-core/playwright';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { sleep } from '@wallet/testing/wait';
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
      targets: violation.nodes
        .map((node) => `${node.target.join(' ')}: ${node.html.slice(0, 160)}`)
        .slice(0, 5),
    }));
  expect(serious).toEqual([]);
}

/** The part of the DOM's `document` that `checkPage` reads in the browser (no DOM types here). */
interface AnimatedDocument {
  getAnimations(): Array<{
    playState: string;
    effect: { getComputedTiming(): { iterations?: number } } | null;
  }>;
}

/** Screenshot plus accessibility scan: what every page of the console gets. */
export async function checkPage(page: Page, name: string): Promise<void> {
  // Let a button's click ripple fade and a snack bar finish sliding in: half-way through they are
  // neither colour, and axe would measure the contrast of that passing frame. Endless animations
  // (a progress bar while loading) do not count.
  await page.mouse.move(1, 1);
  const ripples = page.locator('.mat-ripple-element');
  for (let tries = 0; tries < 50 && (await ripples.count()) > 0; tries++) await page.waitForTimeout(50);
  await page.waitForFunction(
    () =>
      (globalThis as unknown as { document: AnimatedDocument }).document
        .getAnimations()
        .every(
          (animation) =>
            animation.playState !== 'running' ||
            animation.effect?.getComputedTiming().iterations === Infinity,
        ),
    undefined,
    { timeout: 5_000 },
  );
  // Material keeps a new snack bar's content under aria-hidden for 150 ms, then moves it into the
  // live region that announces it; judge the snack bar as it stays, not that first moment.
  await page
    .locator('mat-snack-bar-container [aria-hidden="true"]')
    .waitFor({ state: 'detached', timeout: 5_000 });
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
    await sleep(100);
  }
  throw new Error(`expected ${String(text)} in ${locator.toString()}; saw ${JSON.stringify(seen)}`);
}

/** Waits for the path (e.g. `/dashboard`) and returns it. */
export async function expectPath(page: Page, path: string, timeout = 10_000): Promise<void> {
  await page.waitForURL((url) => url.pathname === path, { timeout });
}
