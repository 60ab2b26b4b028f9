import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';

/** Where screenshots and the timing report go (git-ignored). */
export const SCREENSHOTS = fileURLToPath(new URL('./screenshots/', import.meta.url));

/** Debian's Chromium, headless, with nothing reaching out to the network on its own. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-quic',
      '--no-first-run',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** A desktop-sized page that fails loudly on uncaught errors and never waits on Shopify's CDN (there is no internet). */
export async function openContext(
  browser: Browser,
): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 1000 }, deviceScaleFactor: 1 });
  await context.route('https://cdn.shopify.com/**', (route) => route.abort('internetdisconnected'));
  // layout shifts add up here, so the report can say whether content jumped as it arrived
  await context.addInitScript(() => {
    const w = window as unknown as { __cls: number };
    w.__cls = 0;
    new PerformanceObserver((list) => {
      for (const e of list.getEntries() as (PerformanceEntry & { value: number; hadRecentInput: boolean })[])
        if (!e.hadRecentInput) w.__cls += e.value;
    }).observe({ type: 'layout-shift', buffered: true });
  });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  return { context, page, errors };
}

/** Saves a screenshot as screenshots/<name>.png, of the whole page or only the viewport; transitions are run to their end, so a popover is not caught half faded in. */
export async function screenshot(page: Page, name: string, fullPage = true): Promise<void> {
  await mkdir(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: `${SCREENSHOTS}${name}.png`, fullPage, animations: 'disabled' });
}

/** One page load: from navigation start to the page's main content on screen. */
export interface PageTiming {
  page: string;
  language: string;
  ms: number;
  /** cumulative layout shift up to that moment (0 = nothing moved) */
  cls: number;
}

/** Load times collected over the run. */
export const timings: PageTiming[] = [];

/**
 * Loads `path` from scratch and waits for the page to say its main content is visible; records
 * the time from navigation start to that moment (the app's `page-ready:<name>` mark).
 */
export async function loadPage(page: Page, url: string, name: string, language: string): Promise<number> {
  await page.goto(url);
  await page.waitForSelector(`body[data-page-ready="${name}"]`, { timeout: 20_000 });
  const { ms, cls } = await page.evaluate(
    (n) => ({
      ms: performance.getEntriesByName(`page-ready:${n}`).at(-1)?.startTime ?? -1,
      cls: (window as unknown as { __cls: number }).__cls,
    }),
    name,
  );
  timings.push({ page: name, language, ms: Math.round(ms), cls: Math.round(cls * 1000) / 1000 });
  return ms;
}

/**
 * Loads `url` while holding back the API answers `held` picks, screenshots the placeholders as
 * screenshots/loading-<name>.png (once `shown` is on screen, when given: the shop's name says the
 * start-up skeleton is gone), lets the answers through, waits for the page to be ready, and
 * returns the cumulative layout shift of the whole load.
 */
export async function loadWithHeldData(
  page: Page,
  url: string,
  name: string,
  held: (u: URL) => boolean,
  shown?: string,
): Promise<number> {
  let release!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  await page.route(held, async (route) => {
    await gate;
    await route.continue();
  });
  try {
    await page.goto(url);
    if (shown) await page.getByText(shown).first().waitFor();
    await page.locator('.Polaris-SkeletonBodyText').first().waitFor();
    await screenshot(page, `loading-${name}`, false);
  } finally {
    release();
  }
  await page.locator(`body[data-page-ready="${name}"]`).waitFor();
  await page.unroute(held);
  return page.evaluate(() => (window as unknown as { __cls: number }).__cls);
}

/** Where the run's load times are gathered; global-setup empties it, each test file adds its own. */
export const TIMINGS_FILE = `${SCREENSHOTS}timings.json`;

/** Prints this file's load times as a table and adds them to screenshots/timings.json. */
export async function reportTimings(file: string): Promise<void> {
  if (timings.length === 0) return;
  console.log(`\nPage load times in ${file} (navigation start → main content visible):`);
  console.table(timings.map((t) => ({ page: t.page, language: t.language, 'load (ms)': t.ms, 'layout shift': t.cls })));
  await mkdir(SCREENSHOTS, { recursive: true });
  const earlier = await readFile(TIMINGS_FILE, 'utf8')
    .then((s) => JSON.parse(s) as { timings: (PageTiming & { file: string })[] })
    .catch(() => ({ timings: [] }));
  const all = [...earlier.timings, ...timings.map((t) => ({ ...t, file }))];
  await writeFile(
    TIMINGS_FILE,
    `${JSON.stringify({ measuredAt: new Date().toISOString(), viewport: '1440x1000', timings: all }, null, 2)}\n`,
  );
}

/** A file-name-safe form of a test name. */
export const slug = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 80);

/**
 * Clicks until the URL says the click was taken. A popover's choices can re-render (its data
 * arriving) between Playwright finding one and the click landing, and the click is then lost.
 */
export async function clickUntilUrl(page: Page, target: Locator, url: RegExp, timeoutMs = 20_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    await target.click();
    try {
      await page.waitForURL(url, { timeout: 2_000 });
      return;
    } catch (e) {
      if (Date.now() > until) throw e;
    }
  }
}
