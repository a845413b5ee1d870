/// <reference lib="dom" />
import type { Page } from 'playwright-core';
import { fillSignIn, useConsole } from '../utils/browser';
import { invitedContact, latestAcceptLink } from '../utils/invitations';
import type { TestApp } from '../utils/test-app';

/** Smaller things, seen in Chromium: the first visit, the Outbox, an expired invitation link. */
describe('console details in a browser', () => {
  const session = useConsole({ worker: true });
  let t: TestApp;
  let page: Page;

  beforeAll(() => {
    ({ t, page } = session);
  });

  it('offers Import beside Create on the empty Clients page', async () => {
    await page.goto(`${t.url}/admin/`);
    await fillSignIn(page);
    await page.getByRole('heading', { name: 'Onboarding funnel' }).waitFor();
    await page.getByRole('menuitem', { name: 'Clients' }).click();
    await page.getByText('No clients yet').waitFor();
    await page.getByRole('link', { name: 'Create a client' }).waitFor();
    await page.getByRole('link', { name: 'Import clients' }).click();
    await page.waitForURL(/#\/imports\/create$/);
  });

  it('shows an email’s HTML in a sandboxed frame that runs none of its scripts', async () => {
    const [{ id }] = await t.query<{ id: string }>(
      `insert into email_message (id, kind, idempotency_key, to_email, from_email, subject,
         html_body, text_body, status)
       values (gen_random_uuid(), 'invitation', 'html-preview', 'ada@example.com',
         'invitations@clienthub.test', 'Welcome', $1, 'Hello Ada (text)', 'recorded')
       returning id`,
      [
        `<h1 style="color:#1a1f36">Hello Ada</h1><p>Your portal awaits.</p>
         <script>document.body.setAttribute('data-ran', 'yes')</script>`,
      ],
    );
    await page.goto(`${t.url}/admin/#/outbox/${id}/show`);
    const frame = page.locator('iframe[title="HTML version of the message"]');
    await frame.waitFor();
    expect(await frame.getAttribute('sandbox')).toBe('');
    const html = page.frameLocator('iframe[title="HTML version of the message"]');
    await html.getByRole('heading', { name: 'Hello Ada' }).waitFor();
    expect(await html.locator('body').getAttribute('data-ran')).toBeNull();
    // The text part is still there beneath it.
    await page.getByText('Hello Ada (text)').waitFor();
  });

  it('says once that an invitation expired, and offers the way forward', async () => {
    const admin = await t.signIn();
    await admin
      .put('/api/settings')
      .send({ sendingDomains: ['clienthub.test'] })
      .expect(200);
    const { contactId } = await invitedContact(
      admin,
      { firstName: 'Eve', lastName: 'Late', email: 'eve@example.com' },
      'invitations@clienthub.test',
    );
    const link = await latestAcceptLink(t, contactId);
    await t.query(
      `update invitation set expires_at = now() - interval '1 minute' where contact_id = $1`,
      [contactId],
    );
    await page.goto(link);
    await page.getByRole('heading', { name: 'This invitation has expired' }).waitFor();
    expect(
      await page
        .locator('main')
        .getByText(/expired/i)
        .count(),
    ).toBe(1);
    await page
      .getByRole('alert')
      .getByText('Ask your firm to send you a new invitation.')
      .waitFor();
    await page.getByRole('link', { name: 'Already set your password? Sign in' }).click();
    await page.waitForURL(/\/portal\/login$/);
  });
});
