import type { Page } from 'playwright-core';
import { fillSignIn, newPhonePage, useConsole } from '../utils/browser';
import { clientWithContact, eventually } from '../utils/invitations';
import type { TestApp } from '../utils/test-app';

const pdf = (name: string) => ({
  name,
  mimeType: 'application/pdf',
  buffer: Buffer.from(`%PDF-1.4\n% ${name}\n%%EOF\n`),
});

interface Email {
  subject: string;
  text_body: string;
  links: { label: string; url: string }[];
}

/**
 * In real Chromium, against the real API and worker: staff ask a contact who was never invited
 * for two documents; the one email invites them, and its one link sets a password and opens
 * the request. Staff then reject both uploads with reasons: one email, and the portal shows
 * both reasons.
 */
describe('file requests to an uninvited contact: invitation and rejections', () => {
  const session = useConsole({ worker: true, env: { FILE_REQUEST_REJECTION_QUIET_SECONDS: '8' } });
  let t: TestApp;
  let page: Page;
  let portal: Page;
  let contactId: string;
  let clientId: string;
  let requestId: string;
  let link: string;

  const emails = () =>
    t.query<Email>(
      'select subject, text_body, links from email_message where contact_id = $1 order by created_at',
      [contactId],
    );
  const item = (title: string) => portal.getByRole('article', { name: title });

  beforeAll(async () => {
    ({ t, page } = session);
    const admin = await t.signIn();
    await admin
      .put('/api/settings')
      .send({ firmName: 'Harbor CPAs', detailedNotifications: true })
      .expect(200);
    ({ clientId, contactId } = await clientWithContact(admin, {
      firstName: 'Nina',
      lastName: 'Newcomer',
      email: 'nina@example.com',
    }));
    portal = await newPhonePage(page);
  });
  afterAll(() => portal.context().close());

  it('staff see that the contact is not invited, and send the request that invites them', async () => {
    await page.goto(`${t.url}/admin/`);
    await fillSignIn(page);
    await page.getByRole('heading', { name: 'Onboarding funnel' }).waitFor();
    await page.goto(`${t.url}/admin/#/clients/${clientId}/show`);
    await page.getByRole('link', { name: 'Request files' }).click();

    const nina = page.getByRole('checkbox', { name: /Nina Newcomer \(nina@example.com\)/ });
    await page.getByText('Not invited yet: this email invites them to the portal').waitFor();
    await nina.check();
    await page.getByRole('textbox', { name: 'Subject' }).fill('2025 tax documents');
    for (const [i, title] of ['W-2', 'Bank statement'].entries()) {
      await page.getByRole('button', { name: 'Add item' }).click();
      await page.getByRole('textbox', { name: `Item ${i + 1} title` }).fill(title);
    }
    await page.getByRole('button', { name: 'Send request' }).click();
    await page.getByRole('heading', { name: '2025 tax documents', level: 2 }).waitFor();
    requestId = page.url().match(/file-requests\/([\w-]+)\/show/)![1];
  });

  it('the Outbox holds one email with one link', async () => {
    const [email] = await eventually('the request email', async () => {
      const rows = await emails();
      return rows.length ? rows : undefined;
    });
    expect(email.links).toHaveLength(1);
    link = email.links[0].url;

    await page.getByRole('menuitem', { name: 'Outbox' }).click();
    const row = page.getByRole('row').filter({ hasText: 'nina@example.com' });
    await row.click();
    const shown = page.getByRole('link', { name: 'Set a password and open the request' });
    expect(await shown.getAttribute('href')).toBe(link);
    expect((await emails()).length).toBe(1);
  });

  it('the contact opens the link, sets a password and lands on the request', async () => {
    await portal.goto(link);
    await portal.getByRole('heading', { name: 'Welcome to Harbor CPAs' }).waitFor();
    await portal.getByLabel('Password', { exact: true }).fill('a long and rare passphrase');
    await portal.getByLabel('Confirm password').fill('a long and rare passphrase');
    await portal.getByRole('button', { name: 'Create my account' }).click();
    await portal.getByRole('heading', { name: '2025 tax documents', level: 1 }).waitFor();
    expect(new URL(portal.url()).pathname).toBe(`/portal/requests/${requestId}`);

    for (const title of ['W-2', 'Bank statement']) {
      await portal.getByLabel(`Upload file for ${title}`).setInputFiles(pdf(`${title}.pdf`));
      await item(title).getByText('Uploaded – awaiting review').waitFor();
    }
  });

  it('staff reject both with reasons: one email, and the portal shows both reasons', async () => {
    await page.goto(`${t.url}/admin/#/file-requests/${requestId}/show`);
    for (const [title, reason] of [
      ['W-2', 'The scan is blurry'],
      ['Bank statement', 'Page 2 is missing'],
    ]) {
      await page.getByRole('button', { name: `Reject ${title}` }).click();
      const dialog = page.getByRole('dialog', { name: `Reject ${title}` });
      await dialog.getByRole('textbox', { name: 'Reason' }).fill(reason);
      await dialog.getByRole('button', { name: 'Reject item' }).click();
      await page.getByText(`Rejected: ${reason}`).waitFor();
    }

    // The workflow waits for staff to pause (8 seconds here) before emailing.
    const rejections = await eventually(
      'the rejection email',
      async () => {
        const rows = (await emails()).slice(1);
        return rows.length ? rows : undefined;
      },
      30_000,
    );
    await new Promise((resolve) => setTimeout(resolve, 3000));
    expect(await emails()).toHaveLength(2);
    expect(rejections[0].subject).toBe('Harbor CPAs needs 2 documents again: "2025 tax documents"');
    expect(rejections[0].text_body).toContain('W-2: The scan is blurry');
    expect(rejections[0].text_body).toContain('Bank statement: Page 2 is missing');

    await portal.reload();
    await item('W-2')
      .getByText('Rejected: The scan is blurry — please upload a new file')
      .waitFor();
    await item('Bank statement')
      .getByText('Rejected: Page 2 is missing — please upload a new file')
      .waitFor();
  });
});
