import { createHash } from 'node:crypto';
import type { BrowserContext, Page } from 'playwright-core';
import type { Agent } from 'supertest';
import { PasswordResetService } from '../../server/modules/account-links/password-reset.service';
import { fillSignIn, signInToConsole, useConsole } from '../utils/browser';
import { contactWithPassword, createStaff, emailedLinkToken } from '../utils/people';
import type { TestApp } from '../utils/test-app';
import { TEST_DATA_DIR } from '../utils/test-env';

/**
 * The ways back in, in real Chromium against the real API: "Forgot your password?" on the
 * portal's and the console's sign-in pages, the emailed link's page, a used or expired link,
 * and a staff member invited by email who chooses their own password. The README's pictures
 * of the reset flow are taken here (copied from the test data folder into docs/).
 */
describe('password reset and staff invitation in a browser', () => {
  const session = useConsole();
  let t: TestApp;
  let admin: Agent;
  const contexts: BrowserContext[] = [];
  let current: Page | undefined;

  /** A fresh browser (no cookies), phone-to-laptop sized, as someone opening their email. */
  async function newPage(): Promise<Page> {
    const context = await session.page
      .context()
      .browser()!
      .newContext({ viewport: { width: 900, height: 760 } });
    contexts.push(context);
    current = await context.newPage();
    return current;
  }

  const shoot = (page: Page, name: string) =>
    page.screenshot({ path: `${TEST_DATA_DIR}/${name}.png` });

  async function choosePassword(page: Page, password: string, button: string): Promise<void> {
    await page.getByLabel('Password', { exact: true }).fill(password);
    await page.getByLabel('Confirm password').fill(password);
    await page.getByRole('button', { name: button }).click();
  }

  beforeAll(async () => {
    t = session.t;
    admin = await t.signIn();
    await admin.put('/api/settings').send({ firmName: 'Lovelace & Co' }).expect(200);
  });
  afterAll(async () => {
    for (const context of contexts) await context.close();
  });
  afterEach(async () => {
    if (!current || current.isClosed()) return;
    const name = (expect.getState().currentTestName ?? 'step').replace(/\W+/g, '-');
    await current.screenshot({ path: `${TEST_DATA_DIR}/browser-${name}-link.png` });
  });

  it('a portal contact asks for a link, chooses a new password once and signs in with it', async () => {
    const { body: client } = await admin
      .post('/api/clients')
      .send({ companyName: 'Santos Bakery' })
      .expect(201);
    const email = 'beatriz@example.com';
    await contactWithPassword(
      t,
      admin,
      { email, password: 'beatriz forgotten password', firstName: 'Beatriz' },
      client.id,
      'contact_collaborator',
    );

    const page = await newPage();
    await page.goto(`${t.url}/portal/login`);
    await page.getByRole('link', { name: 'Forgot your password?' }).click();
    await page.getByRole('heading', { name: 'Forgot your password?' }).waitFor();
    await page.getByLabel('Email').fill(email);
    await shoot(page, 'password-reset-request');
    await page.getByRole('button', { name: 'Email me a link' }).click();
    await page
      .getByRole('status')
      .getByText(/^If an account uses this address/)
      .waitFor();

    const token = await emailedLinkToken(t, email, 'password_reset');
    await page.goto(`${t.url}/portal/set-password?token=${token}`);
    await page.getByRole('heading', { name: 'Choose a new password' }).waitFor();
    await page.getByText(email).waitFor();
    // The token leaves the address bar once read.
    expect(page.url()).not.toContain(token);
    await page.getByLabel('Password', { exact: true }).fill('beatriz brand new password');
    await page.getByLabel('Confirm password').fill('beatriz brand new password');
    await shoot(page, 'password-reset-choose');
    // The one policy, in the API's words.
    await choosePassword(page, 'passwordpassword', 'Save my new password');
    await page
      .getByRole('alert')
      .getByText('This password is one of the most common ones; choose another.')
      .waitFor();
    await choosePassword(page, 'beatriz brand new password', 'Save my new password');
    await page.getByRole('heading', { name: 'Your password is set' }).waitFor();
    await shoot(page, 'password-reset-done');

    await page.getByRole('link', { name: 'Sign in' }).click();
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill('beatriz brand new password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Welcome, Beatriz' }).waitFor();

    // The same link again: dead, with a way to a new one.
    await page.goto(`${t.url}/portal/set-password?token=${token}`);
    await page.getByRole('heading', { name: 'This link was already used' }).waitFor();
    await shoot(page, 'password-reset-used');
    await page.getByRole('link', { name: 'Email me a new link' }).click();
    await page.getByRole('heading', { name: 'Forgot your password?' }).waitFor();
    expect(new URL(page.url()).search).toBe('');
  });

  it('staff reset from the console sign-in page; an expired link leads to a new one', async () => {
    const email = 'sam@clienthub.test';
    await createStaff(
      t,
      admin,
      { email, firstName: 'Sam', lastName: 'Staff' },
      'sam forgotten password',
    );
    const page = await newPage();
    await page.goto(`${t.url}/admin/`);
    await page.getByRole('link', { name: 'Forgot your password?' }).click();
    await page.getByText('Enter the email you sign in with to the staff console').waitFor();
    await page.getByLabel('Email').fill(email);
    await page.getByRole('button', { name: 'Email me a link' }).click();
    await page
      .getByRole('status')
      .getByText(/^If an account uses this address/)
      .waitFor();

    const expired = await emailedLinkToken(t, email, 'password_reset');
    await t.query(
      `update account_token set expires_at = now() - interval '1 second' where token_hash = $1`,
      [createHash('sha256').update(expired).digest('hex')],
    );
    await page.goto(`${t.url}/portal/set-password?token=${expired}&staff=1`);
    await page.getByRole('heading', { name: 'This link has expired' }).waitFor();
    await shoot(page, 'password-reset-expired');
    await page.getByRole('link', { name: 'Email me a new link' }).click();
    await page.getByText('Enter the email you sign in with to the staff console').waitFor();
    await page.getByLabel('Email').fill(email);
    await page.getByRole('button', { name: 'Email me a link' }).click();
    await page.getByRole('status').waitFor();

    await t.app.get(PasswordResetService).idle();
    const token = await emailedLinkToken(t, email, 'password_reset');
    expect(token).not.toBe(expired);
    await page.goto(`${t.url}/portal/set-password?token=${token}&staff=1`);
    await choosePassword(page, 'sam brand new password', 'Save my new password');
    await page.getByRole('heading', { name: 'Your password is set' }).waitFor();
    await page.getByRole('link', { name: 'Sign in' }).click();
    await page.waitForURL(/\/admin\//);
    await signInToConsole(page, { email, password: 'sam brand new password' });
    await page.getByRole('heading', { name: 'Onboarding funnel' }).waitFor();
  });

  it('a Staff Admin invites a member by email; the member chooses their password and signs in', async () => {
    const { page } = session;
    await page.goto(`${t.url}/admin/#/staff/create`);
    await fillSignIn(page);
    await page.getByLabel('First name').waitFor();
    // No password field: the member chooses their own.
    expect(await page.locator('input[type="password"]').count()).toBe(0);
    await page.getByText('We email them an invitation to choose their own password').waitFor();
    await page.getByLabel('Email').fill('nia@clienthub.test');
    await page.getByLabel('First name').fill('Nia');
    await page.getByLabel('Last name').fill('Newcomer');
    await page.getByRole('button', { name: 'Save' }).click();
    await page
      .getByText('Invitation emailed to nia@clienthub.test: they choose their own password')
      .waitFor();

    const token = await emailedLinkToken(t, 'nia@clienthub.test', 'staff_invitation');
    const invited = await newPage();
    await invited.goto(`${t.url}/portal/set-password?token=${token}&staff=1`);
    await invited.getByRole('heading', { name: 'Welcome to Lovelace & Co' }).waitFor();
    await choosePassword(invited, 'nia chosen password', 'Set my password');
    await invited.getByRole('heading', { name: 'Your password is set' }).waitFor();
    await invited.getByRole('link', { name: 'Sign in' }).click();
    await invited.waitForURL(/\/admin\//);
    // The new member's first sign-in sets up two-step sign-in (required of staff).
    await signInToConsole(invited, {
      email: 'nia@clienthub.test',
      password: 'nia chosen password',
    });
    await invited.getByRole('heading', { name: 'Onboarding funnel' }).waitFor();
  });
});
