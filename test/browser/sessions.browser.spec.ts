import type { BrowserContext, Page } from 'playwright-core';
import type { Agent } from 'supertest';
import { fillSignIn, signInToConsole, useConsole } from '../utils/browser';
import { contactWithPassword, staffMember } from '../utils/people';
import type { TestApp } from '../utils/test-app';

const FIREFOX = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0';

/**
 * Ending a session from one browser signs the other out at its next request: staff from
 * "Your sessions", a Staff Admin from a member's page, a contact from their portal profile.
 */
describe('sessions in a browser', () => {
  const session = useConsole();
  let t: TestApp;
  let admin: Agent;
  const contexts: BrowserContext[] = [];

  /** Another browser (its own cookies), known by its user agent in the session lists. */
  async function otherBrowser(userAgent = FIREFOX): Promise<Page> {
    const context = await session.page
      .context()
      .browser()!
      .newContext({ viewport: { width: 1400, height: 900 }, userAgent });
    contexts.push(context);
    return context.newPage();
  }

  async function consoleSignIn(page: Page, email: string, password: string): Promise<void> {
    await page.goto(`${t.url}/admin/`);
    await signInToConsole(page, { email, password });
    await page.getByRole('heading', { name: 'Onboarding funnel' }).waitFor();
  }

  /** The next click that asks the API finds the session gone: back to the sign-in form. */
  async function expectSignedOut(page: Page): Promise<void> {
    await page.getByRole('menuitem', { name: 'Clients' }).click();
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
  }

  beforeAll(async () => {
    t = session.t;
    admin = await t.signIn();
  });
  afterAll(async () => {
    for (const context of contexts) await context.close();
  });

  it('a staff member ends their session on another browser from "Your sessions"', async () => {
    const { page } = session;
    await page.goto(`${t.url}/admin/`);
    await fillSignIn(page);
    await page.getByRole('heading', { name: 'Onboarding funnel' }).waitFor();
    const other = await otherBrowser();
    await other.goto(`${t.url}/admin/`);
    await fillSignIn(other);
    await other.getByRole('heading', { name: 'Onboarding funnel' }).waitFor();

    await page.getByRole('button', { name: 'Profile' }).click();
    await page.getByRole('menuitem', { name: 'Your sessions' }).click();
    const firefox = page.getByRole('row', { name: /Firefox 128 on Windows 10 \(desktop\)/ });
    await firefox.waitFor();
    await page.getByRole('row', { name: /Chrome .*This device/ }).waitFor();
    await firefox.getByRole('button', { name: 'End' }).click();
    await page.getByText('Signed out Firefox 128 on Windows 10 (desktop)').waitFor();
    await firefox.waitFor({ state: 'detached' });

    await expectSignedOut(other);
    // This browser carries on.
    await page.getByRole('menuitem', { name: 'Clients' }).click();
    await page.getByText('No clients yet').waitFor();
    const [event] = await t.query<{ summary: string }>(
      `select summary from audit_event where action = 'auth.session_ended'`,
    );
    expect(event.summary).toMatch(/ended their session on Firefox 128 on Windows 10 \(desktop\)/);
  });

  it('a Staff Admin signs a member out everywhere from the member’s page', async () => {
    const { page } = session;
    const member = await staffMember(t, admin, 'traveller');
    const theirs = await otherBrowser();
    await consoleSignIn(theirs, 'traveller@clienthub.test', 'traveller password 123');

    await page.goto(`${t.url}/admin/#/staff/${member.id}`);
    await page.getByRole('heading', { name: 'Sessions' }).waitFor();
    await page.getByRole('row', { name: /Firefox 128/ }).waitFor();
    await page.getByRole('button', { name: 'Sign out everywhere' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Sign out everywhere' }).click();
    await page.getByText('Signed traveller@clienthub.test out everywhere').waitFor();
    await page.getByText('Not signed in anywhere.').waitFor();

    await expectSignedOut(theirs);
  });

  it('a portal contact ends their session on another device from their profile', async () => {
    const clientId = (
      await admin.post('/api/clients').send({ companyName: 'Sessions Bakery' }).expect(201)
    ).body.id;
    const [email, password] = ['rosa@example.com', 'rosa portal password'];
    await contactWithPassword(
      t,
      admin,
      { email, password, firstName: 'Rosa' },
      clientId,
      'contact_access',
    );
    const signIn = async (page: Page) => {
      await page.goto(`${t.url}/portal/login`);
      await page.getByLabel('Email').fill(email);
      await page.getByLabel('Password').fill(password);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('heading', { name: 'Welcome, Rosa' }).waitFor();
    };
    const laptop = await otherBrowser();
    await signIn(laptop);
    const phone = await otherBrowser(
      'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1',
    );
    await signIn(phone);

    await phone.getByRole('link', { name: 'Profile' }).click();
    const list = phone.getByRole('list', { name: 'Where you are signed in' });
    await list.getByText('This device').waitFor();
    await list.getByRole('button', { name: 'End Firefox 128 on Windows 10 (desktop)' }).click();
    await list.getByText('Firefox 128').waitFor({ state: 'detached' });

    // The laptop's next request finds itself signed out: the portal's signed-out landing.
    await laptop.getByRole('link', { name: 'Profile' }).click();
    await laptop.getByRole('heading', { name: 'Client portal', level: 1 }).waitFor();
    await phone.reload();
    await phone.getByRole('heading', { name: 'Your profile', level: 1 }).waitFor();
  });
});
