import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { freshCode, rememberSecret, secretOf } from './second-factor';
import { startTestApp, type TestApp } from './test-app';
import { TEST_ADMIN, TEST_DATA_DIR } from './test-env';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Debian's Chromium, headless; the background-networking flags keep it off the closed network. */
function launchChromium(): Promise<Browser> {
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
async function newWidePage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({
    viewport: { width: 1400, height: 900 },
    acceptDownloads: true,
  });
  return context.newPage();
}

/** A phone-sized page in a context of its own (its own cookies): the client in the portal. */
export async function newPhonePage(page: Page): Promise<Page> {
  const context = await page
    .context()
    .browser()!
    .newContext({ viewport: { width: 390, height: 844 } });
  return context.newPage();
}

export interface ConsoleSession {
  t: TestApp;
  page: Page;
}

/**
 * Call in a describe block: the real API (with a worker and settings from `env` if asked) and one Chromium page for
 * its tests, closed afterwards, and a picture of the page after each test to look at when one
 * fails. The returned object is filled in before the first test.
 */
export function useConsole(
  options: { worker?: boolean; env?: Record<string, string> } = {},
): ConsoleSession {
  const session = {} as ConsoleSession;
  let browser: Browser | undefined;
  beforeAll(async () => {
    session.t = await startTestApp(options.env);
    realm = session.t.config.DATABASE_URL;
    if (options.worker) await session.t.startWorker();
    browser = await launchChromium();
    session.page = await newWidePage(browser);
  });
  afterAll(async () => {
    await browser?.close();
    await session.t?.close();
  });
  afterEach(async () => {
    const name = expect.getState().currentTestName ?? 'step';
    await session.page?.screenshot({
      path: `${TEST_DATA_DIR}/browser-${name.replace(/\W+/g, '-')}.png`,
    });
  });
  return session;
}

/** The database of the console session's app: whose authenticator secrets the tests hold. */
let realm = '';

/** Fills in the console's sign-in form as the first admin (the page must show it). */
export async function fillSignIn(page: Page, password = TEST_ADMIN.password): Promise<void> {
  await signInToConsole(page, { email: TEST_ADMIN.email, password });
}

/**
 * Signs in on the console's sign-in form (the page must show it), then passes the second step
 * as a person with an authenticator app does: types its code, or the first time sets the app
 * up from the secret the page shows and goes on past the recovery codes. A refused password
 * stops at its message.
 */
export async function signInToConsole(
  page: Page,
  { email, password }: { email: string; password: string },
): Promise<void> {
  await page.getByLabel('Email').fill(email);
  await page.getByRole('textbox', { name: 'Password' }).fill(password);
  const [answer] = await Promise.all([
    page.waitForResponse((r) => r.url().endsWith('/api/auth/login')),
    page.getByRole('button', { name: 'Sign in' }).click(),
  ]);
  const due = answer.ok()
    ? ((await answer.json()) as { secondFactor?: string }).secondFactor
    : null;
  const code = page.getByLabel('Authentication code');
  if (due === 'enrol') {
    await page.getByRole('heading', { name: 'Set up two-step sign-in' }).waitFor();
    const secret = (await page.getByLabel('Secret key').inputValue()).replace(/\s/g, '');
    rememberSecret(realm, email, secret);
    await code.fill(await freshCode(secret));
    await page.getByRole('button', { name: 'Turn on two-step sign-in' }).click();
    await page.getByRole('button', { name: 'I have saved them, continue' }).click();
  } else if (due === 'code') {
    await code.fill(await freshCode(secretOf(realm, email)));
    await page.getByRole('button', { name: 'Verify' }).click();
  }
}
