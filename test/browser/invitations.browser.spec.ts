import type { BrowserContext, Page } from 'playwright-core';
import type { Agent } from 'supertest';
import { fillSignIn, useConsole } from '../utils/browser';
import { clientWithContact, latestAcceptLink } from '../utils/invitations';
import type { TestApp } from '../utils/test-app';
import { TEST_DATA_DIR } from '../utils/test-env';

/**
 * The portal invitation end to end in real Chromium, against the real API, database, Temporal
 * and worker: invite a contact from the list, open the link from the Outbox, set a password,
 * land in the portal, see the contact accepted in the console.
 */
describe('console and portal: inviting a contact in a browser', () => {
  const session = useConsole({ worker: true });
  const firmName = 'Hopper & Partners';
  let t: TestApp;
  let page: Page;
  let admin: Agent;
  let ada: { clientId: string; contactId: string };
  let acceptLink: string;
  // The contact's own browser: signing in to the portal sets the same session cookie as staff's.
  let portalContext: BrowserContext;
  let portal: Page;

  beforeAll(async () => {
    ({ t, page } = session);
    admin = await t.signIn();
    await admin.put('/api/settings').send({ firmName }).expect(200);
    ada = await clientWithContact(admin, {
      firstName: 'Ada',
      lastName: 'Lovelace',
      email: 'ada@example.com',
      taxClientId: 'TX-ADA',
    });
    const browser = page.context().browser()!;
    portalContext = await browser.newContext({ viewport: { width: 1000, height: 800 } });
    portal = await portalContext.newPage();
  });
  afterAll(() => portalContext?.close());
  afterEach(async () => {
    if (!portal || portal.url() === 'about:blank') return;
    const name = (expect.getState().currentTestName ?? 'step').replace(/\W+/g, '-');
    await portal.screenshot({ path: `${TEST_DATA_DIR}/browser-${name}-portal.png` });
  });

  it('invites the contact from the Contacts list with the default sender', async () => {
    await page.goto(`${t.url}/admin/#/contacts`);
    await fillSignIn(page);
    const row = page.getByRole('row').filter({ hasText: 'ada@example.com' });
    await row.getByRole('button', { name: 'Invite Ada Lovelace' }).click();

    const dialog = page.getByRole('dialog', { name: 'Invite to Client Hub' });
    await dialog.getByText('Ada Lovelace will be invited').waitFor();
    expect(await dialog.getByRole('textbox', { name: 'Sender' }).inputValue()).toBe('invitations');
    expect(await dialog.getByRole('combobox', { name: 'Domain' }).textContent()).toBe(
      'clienthub.test',
    );
    await dialog.getByRole('button', { name: 'Send invitations' }).click();
    const summary = dialog.getByRole('alert');
    await summary.waitFor();
    expect(await summary.innerText()).toBe('Invited 1');
    // The batch's progress, live from its workflow, until it is done.
    await dialog.getByText('Done: 1 of 1 emails queued, 1 follow-ups started').waitFor();
    await dialog.getByRole('button', { name: 'Done' }).click();
    await dialog.waitFor({ state: 'hidden' });

    // Envelope gone, bell in its place.
    await row.getByRole('button', { name: 'Send reminder to Ada Lovelace' }).waitFor();
    expect(await row.getByRole('button', { name: 'Invite Ada Lovelace' }).count()).toBe(0);
    expect(await row.getByRole('cell', { name: 'Invited', exact: true }).count()).toBe(1);

    const contact = (await admin.get(`/api/contacts/${ada.contactId}`).expect(200)).body;
    expect(contact).toMatchObject({
      portalStatus: 'invited',
      invitation: { status: 'pending', senderEmail: 'invitations@clienthub.test' },
    });
  });

  it('finds the invitation email in the Outbox with its accept link', async () => {
    // The worker's workflow records the email; wait for it as staff would wait for the mail.
    acceptLink = await latestAcceptLink(t, ada.contactId);

    await page.getByRole('menuitem', { name: 'Outbox' }).click();
    await page.getByText('Email is not configured (no RESEND_API_KEY)').waitFor();
    const row = page.getByRole('row').filter({ hasText: 'ada@example.com' });
    await row.getByText('Kept locally').waitFor();
    await row.getByText(`${firmName} invites you to your secure client portal`).waitFor();
    await row.click();

    await page.getByRole('heading', { level: 2 }).filter({ hasText: firmName }).waitFor();
    await page.getByText('invitations@clienthub.test').waitFor();
    const link = page.getByRole('link', { name: 'Accept invitation' });
    expect(await link.getAttribute('href')).toBe(acceptLink);
    expect(acceptLink).toMatch(new RegExp(`^${t.url}/portal/accept\\?token=[\\w-]{43}$`));
  });

  it('opens the link as the contact, chooses a password and lands in the portal', async () => {
    await portal.goto(acceptLink);
    await portal.getByRole('heading', { name: `Welcome to ${firmName}` }).waitFor();
    await portal.getByText('ada@example.com').waitFor();
    // The token leaves the address bar once read.
    expect(portal.url()).toBe(`${t.url}/portal/accept`);

    await portal.getByLabel('Password', { exact: true }).fill('short');
    await portal.getByLabel('Confirm password').fill('short');
    await portal.getByRole('button', { name: 'Create my account' }).click();
    await portal.getByRole('alert').filter({ hasText: 'at least 12 characters' }).waitFor();
    // The API's own refusal, shown next to the field without its "password:" prefix.
    await portal.getByLabel('Password', { exact: true }).fill('qwerty123456');
    await portal.getByLabel('Confirm password').fill('qwerty123456');
    await portal.getByRole('button', { name: 'Create my account' }).click();
    const refusal = portal.getByRole('alert').filter({ hasText: 'most common' });
    await refusal.waitFor();
    expect(await refusal.innerText()).not.toMatch(/^password:/i);

    await portal.getByLabel('Password', { exact: true }).fill('a long and rare passphrase');
    await portal.getByLabel('Confirm password').fill('a long and rare passphrase');
    await portal.getByRole('button', { name: 'Create my account' }).click();

    await portal.getByRole('heading', { name: 'Welcome, Ada' }).waitFor();
    expect(new URL(portal.url()).pathname).toBe('/portal/');
    const clients = portal.getByRole('list', { name: 'Your clients' });
    await clients.getByRole('listitem').filter({ hasText: 'Ada Lovelace' }).waitFor();
    expect(await clients.getByRole('listitem').count()).toBe(1);
  });

  it('shows the contact accepted in the console', async () => {
    // Staff's session is untouched by the contact's sign-in in the other browser.
    await page.getByRole('menuitem', { name: 'Contacts' }).click();
    const row = page.getByRole('row').filter({ hasText: 'ada@example.com' });
    await row.getByRole('cell', { name: 'Accepted', exact: true }).waitFor();
    // No envelope, no bell.
    expect(await row.getByRole('button', { name: /^(Invite|Send reminder to) / }).count()).toBe(0);

    await row.getByRole('cell', { name: 'Ada Lovelace', exact: true }).click();
    await page.getByRole('heading', { name: 'Ada Lovelace', level: 2 }).waitFor();
    const timeline = page.getByRole('list', { name: 'Invitation timeline' }).getByRole('listitem');
    await timeline.filter({ hasText: 'Accepted' }).waitFor();
    expect((await timeline.allInnerTexts()).map((text) => text.split('\n')[0])).toEqual([
      'Accepted',
      'Invitation sent',
    ]);
    // Nothing left to do about this invitation: no invite, reminder, resend or revoke.
    expect(await page.getByRole('button', { name: /invite|remind|resend|revoke/i }).count()).toBe(
      0,
    );

    const contact = (await admin.get(`/api/contacts/${ada.contactId}`).expect(200)).body;
    expect(contact).toMatchObject({
      portalStatus: 'accepted',
      invitation: { status: 'accepted', acceptedAt: expect.any(String) },
    });
    const client = (await admin.get(`/api/clients/${ada.clientId}`).expect(200)).body;
    expect(client).toMatchObject({ portalStatus: 'accepted', connectionStatus: 'connected' });
  });
});
