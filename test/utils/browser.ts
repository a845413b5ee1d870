import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Debian's Chromium, headless; the background-networking flags keep it off the closed network. */
export function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `No Chromium at ${CHROMIUM}: apt-get install -y chromium (or set CHROMIUM_PATH)`,
    );
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** A wide page: the console's bulk actions need at least 900 px. */
export async function newWidePage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({
    viewport: { width: 1400, height: 900 },
    acceptDownloads: true,
  });
  return context.newPage();
}

/** Call in a describe block: a picture of the page after each test, to look at when one fails. */
export function screenshotEachTest(page: () => Page | undefined, dataDir: string): void {
  afterEach(async () => {
    const name = expect.getState().currentTestName ?? 'step';
    await page()?.screenshot({ path: `${dataDir}/browser-${name.replace(/\W+/g, '-')}.png` });
  });
}
