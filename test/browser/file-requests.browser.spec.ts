import type { Page } from 'playwright-core';
import { fillSignIn, newPhonePage, useConsole } from '../utils/browser';
import type { TestApp } from '../utils/test-app';
import { contactWithPassword } from '../utils/people';

const pdf = (name: string, text = name) => ({
  name,
  mimeType: 'application/pdf',
  buffer: Buffer.from(`%PDF-1.4\n% ${text}\n%%EOF\n`),
});
const PAT = { email: 'pat@example.com', password: 'pat portal password' };

/**
 * A file request in real Chromium against the real API and worker: staff ask for two documents
 * with one attachment, the contact uploads both in the portal, staff accept one and reject the
 * other, the contact sees why and uploads again, and the request completes.
 */
describe('file requests: console and portal', () => {
  const session = useConsole({ worker: true });
  let t: TestApp;
  let page: Page;
  let portal: Page;
  let clientId: string;
  let requestUrl: string;

  const item = (title: string) => portal.getByRole('article', { name: title });

  beforeAll(async () => {
    ({ t, page } = session);
    const admin = await t.signIn();
    ({
      body: { id: clientId },
    } = await admin.post('/api/clients').send({ companyName: 'Harbor Tax LLC' }).expect(201));
    await contactWithPassword(
      t,
      admin,
      { ...PAT, firstName: 'Pat', lastName: 'Client' },
      clientId,
      'contact_access',
    );
    portal = await newPhonePage(page);
  });
  afterAll(() => portal.context().close());

  it('staff request two documents with an attachment from the client page', async () => {
    await page.goto(`${t.url}/admin/`);
    await fillSignIn(page);
    // Signed in: the console opens on its dashboard.
    await page.getByRole('heading', { name: 'Onboarding funnel' }).waitFor();
    await page.goto(`${t.url}/admin/#/clients/${clientId}/show`);
    await page.getByRole('link', { name: 'Request files' }).click();

    await page.getByText('Client: Harbor Tax LLC').waitFor();
    await page.getByRole('checkbox', { name: 'Pat Client (pat@example.com)' }).check();
    await page.getByRole('textbox', { name: 'Subject' }).fill('2025 tax documents');
    await page
      .getByRole('textbox', { name: 'Additional message' })
      .fill('The 1099s can wait until March.');
    await page.getByRole('button', { name: 'Add item' }).click();
    await page.getByRole('textbox', { name: 'Item 1 title' }).fill('W-2');
    await page.getByRole('button', { name: 'Add item' }).click();
    await page.getByRole('textbox', { name: 'Item 2 title' }).fill('Bank statement');
    await page
      .getByLabel('Choose an attachment to upload')
      .setInputFiles(pdf('Organizer 2025.pdf'));
    expect(await page.getByRole('checkbox', { name: 'Organizer 2025.pdf' }).isChecked()).toBe(true);
    await page.getByRole('button', { name: 'Send request' }).click();

    await page.getByRole('heading', { name: '2025 tax documents', level: 2 }).waitFor();
    requestUrl = page.url();
    const items = page.getByRole('table', { name: 'Requested items' });
    expect(await items.getByRole('row').count()).toBe(3);
    const temporal = page.getByRole('link', { name: 'Open in Temporal Web UI' });
    expect(await temporal.getAttribute('href')).toMatch(/\/workflows\/file-request-[\w-]+$/);
  });

  it('the contact finds the request in the portal and uploads both documents', async () => {
    await portal.goto(`${t.url}/portal/login`);
    await portal.getByLabel('Email').fill(PAT.email);
    await portal.getByLabel('Password').fill(PAT.password);
    await portal.getByRole('button', { name: 'Sign in' }).click();
    await portal.getByRole('heading', { name: 'Your requests' }).waitFor();
    await portal.getByRole('link', { name: /2025 tax documents/ }).click();
    await portal.getByRole('heading', { name: '2025 tax documents', level: 1 }).waitFor();
    await portal.getByRole('link', { name: 'Organizer 2025.pdf' }).waitFor();
    await portal.getByText('The 1099s can wait until March.').waitFor();

    for (const title of ['W-2', 'Bank statement']) {
      await portal.getByLabel(`Upload file for ${title}`).setInputFiles(pdf(`${title}.pdf`));
      await item(title).getByText('Uploaded – awaiting review').waitFor();
    }
    await portal.getByText('All done for now: your firm will review what you sent.').waitFor();
  });

  it('staff accept one and reject the other with a reason', async () => {
    await page.goto(requestUrl);
    await page.reload();
    // One reminder counter, the request's own, even beside the workflow's live status.
    await page.getByText(/^Workflow: /).waitFor();
    expect(await page.getByText(/Reminders sent/).count()).toBe(1);
    await page.getByRole('button', { name: 'Accept W-2' }).click();
    await page.getByText('W-2: accepted').waitFor();
    await page.getByRole('button', { name: 'Reject Bank statement' }).click();
    const dialog = page.getByRole('dialog', { name: 'Reject Bank statement' });
    await dialog.getByRole('textbox', { name: 'Reason' }).fill('Page 2 is missing');
    await dialog.getByRole('button', { name: 'Reject item' }).click();
    await page.getByText('Rejected: Page 2 is missing').waitFor();
  });

  it('the contact sees the rejection, uploads again, and the request completes', async () => {
    await portal.reload();
    await item('Bank statement')
      .getByText('Rejected: Page 2 is missing — please upload a new file')
      .waitFor();
    await item('W-2').getByText('Accepted', { exact: true }).waitFor();
    await portal
      .getByLabel('Upload file for Bank statement')
      .setInputFiles(pdf('Bank statement.pdf', 'both pages'));
    await item('Bank statement').getByText('Uploaded – awaiting review').waitFor();
    await item('Bank statement')
      .getByText(/version 2/)
      .waitFor();

    await page.reload();
    await page.getByRole('button', { name: 'Accept Bank statement' }).click();
    await page.getByText('Completed', { exact: true }).first().waitFor();

    await portal.reload();
    await portal.getByText(/^Request complete — thank you!/).waitFor();
    expect(await portal.getByRole('button', { name: /Upload file for/ }).count()).toBe(0);
  });
});
