import type { BrowserContext, Page } from 'playwright-core';
import request, { type Agent } from 'supertest';
import { fillSignIn, useConsole } from '../utils/browser';
import type { TestApp } from '../utils/test-app';
import { contactWithPassword } from '../utils/people';

const pdf = (name: string) => ({
  name,
  mimeType: 'application/pdf',
  buffer: Buffer.from('%PDF-1.4\n%%EOF\n'),
});

const CONTACTS = {
  victor: {
    firstName: 'Victor',
    email: 'victor@example.com',
    password: 'victor portal password',
    role: 'contact_access',
  },
  carla: {
    firstName: 'Carla',
    email: 'carla@example.com',
    password: 'carla portal password',
    role: 'contact_collaborator',
  },
} as const;

/**
 * A client's files in real Chromium against the real API: staff upload a PDF (and a new version)
 * on the client page and share it with an access-only contact, who downloads it in the portal;
 * a collaborator uploads one in the portal, and staff find it in the Files section.
 */
describe('client files: console and portal', () => {
  const session = useConsole();
  let t: TestApp;
  let page: Page;
  let clientId: string;
  let admin: Agent;
  const contactIds: Partial<Record<keyof typeof CONTACTS, string>> = {};
  const contexts: BrowserContext[] = [];

  // The Activity section lists the uploads too: rows are looked for in the Files table only.
  const fileRow = (name: string) =>
    page.getByRole('table', { name: 'Files' }).getByRole('row').filter({ hasText: name });

  async function portalPage(contact: (typeof CONTACTS)[keyof typeof CONTACTS]): Promise<Page> {
    const context = await page.context().browser()!.newContext({ acceptDownloads: true });
    contexts.push(context);
    const portal = await context.newPage();
    await portal.goto(`${t.url}/portal/login`);
    await portal.getByLabel('Email').fill(contact.email);
    await portal.getByLabel('Password').fill(contact.password);
    await portal.getByRole('button', { name: 'Sign in' }).click();
    await portal.getByRole('heading', { name: `Welcome, ${contact.firstName}` }).waitFor();
    await portal.goto(`${t.url}/portal/clients/${clientId}`);
    await portal.getByRole('heading', { name: 'Acme Files LLC', level: 1 }).waitFor();
    return portal;
  }

  beforeAll(async () => {
    ({ t, page } = session);
    admin = await t.signIn();
    ({
      body: { id: clientId },
    } = await admin.post('/api/clients').send({ companyName: 'Acme Files LLC' }).expect(201));
    for (const [key, { role, ...contact }] of Object.entries(CONTACTS)) {
      contactIds[key as keyof typeof CONTACTS] = await contactWithPassword(
        t,
        admin,
        { ...contact, lastName: 'Tester' },
        clientId,
        role,
      );
    }
  });
  afterAll(async () => {
    for (const context of contexts) await context.close();
  });

  it('staff upload a PDF and a new version of it, and share it with the access-only contact', async () => {
    await page.goto(`${t.url}/admin/`);
    await fillSignIn(page);
    // Signed in: the console opens on its dashboard.
    await page.getByRole('heading', { name: 'Onboarding funnel' }).waitFor();
    await page.goto(`${t.url}/admin/#/clients/${clientId}/show`);
    await page.getByRole('heading', { name: 'Files', exact: true }).waitFor();
    await page.getByText('No files yet').waitFor();
    await page.getByRole('button', { name: 'Upload file' }).waitFor();

    await page.getByLabel('Choose a file to upload').setInputFiles(pdf('engagement-letter.pdf'));
    const link = page.getByRole('link', { name: 'engagement-letter.pdf' });
    await link.waitFor();
    expect(await link.getAttribute('href')).toMatch(/^\/api\/files\/[\w-]+\/download$/);
    expect(await link.getAttribute('download')).not.toBeNull();
    const row = fileRow('engagement-letter.pdf');
    expect(await row.innerText()).toMatch(/v1\s+15 B\s+.+\s+Not shared/s);

    await page
      .getByLabel('Choose a new version of engagement-letter.pdf')
      .setInputFiles(pdf('engagement-letter.pdf'));
    await row.getByText('v2', { exact: true }).waitFor();
    await page.getByRole('button', { name: 'Versions of engagement-letter.pdf' }).click();
    const versions = page.getByRole('dialog', { name: 'Versions of engagement-letter.pdf' });
    for (const n of [2, 1]) {
      expect(
        await versions.getByRole('link', { name: `Version ${n}` }).getAttribute('href'),
      ).toMatch(new RegExp(`/download\\?version=${n}$`));
    }
    await versions.getByRole('button', { name: 'Close' }).click();

    await page.getByRole('button', { name: 'Share engagement-letter.pdf' }).click();
    const share = page.getByRole('dialog', { name: 'Share engagement-letter.pdf' });
    await share.getByRole('checkbox', { name: /Victor Tester/ }).check();
    await share.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Sharing of engagement-letter.pdf updated').waitFor();
    await row.getByText('1 contact', { exact: true }).waitFor();
  });

  it('the access-only contact sees the shared file in the portal and downloads it', async () => {
    const portal = await portalPage(CONTACTS.victor);
    const documents = portal.getByRole('region', { name: 'Documents' });
    const link = documents.getByRole('link', { name: 'engagement-letter.pdf' });
    await link.waitFor();
    // Version, size, who uploaded it and the day, in the firm's format.
    await documents
      .getByText(/^v2 · 15 B · uploaded by \S.* · [A-Z][a-z]{2} \d{1,2}, \d{4}$/)
      .waitFor();
    expect(await portal.getByRole('button', { name: /upload/i }).count()).toBe(0);

    const [download] = await Promise.all([portal.waitForEvent('download'), link.click()]);
    expect(download.suggestedFilename()).toBe('engagement-letter.pdf');
    await portal.close();
  });

  it('a collaborator uploads in the portal; a refused type shows the server’s reason', async () => {
    const portal = await portalPage(CONTACTS.carla);
    const documents = portal.getByRole('region', { name: 'Documents' });
    await documents.getByText('No documents yet.').waitFor();
    await documents.getByRole('button', { name: 'Upload a file' }).waitFor();

    await portal.getByLabel('Choose a file').setInputFiles({
      name: 'page.html',
      mimeType: 'text/html',
      buffer: Buffer.from('<!doctype html><p>hi</p>'),
    });
    await documents
      .getByRole('alert')
      .filter({ hasText: /^Web pages, SVG and XML files are not accepted; save it as PDF$/ })
      .waitFor();

    await portal.getByLabel('Choose a file').setInputFiles(pdf('receipts-2025.pdf'));
    await documents.getByRole('link', { name: 'receipts-2025.pdf' }).waitFor();
    expect(await documents.getByRole('alert').count()).toBe(0);
    await portal.close();
  });

  it('staff see the collaborator’s upload after a reload', async () => {
    await page.reload();
    await page.getByRole('link', { name: 'receipts-2025.pdf' }).waitFor();
    expect(await fileRow('receipts-2025.pdf').innerText()).toContain('Carla Tester (portal)');
  });

  it('two same-named answers to two requests each name their request, linked to its page', async () => {
    const victor = request.agent(t.url);
    const { email, password } = CONTACTS.victor;
    await victor.post('/api/auth/login').send({ email, password, portal: true }).expect(200);
    const requestIds: string[] = [];
    for (const subject of ['2024 return', '2025 return']) {
      const { body } = await admin
        .post('/api/file-requests')
        .send({ clientId, recipientIds: [contactIds.victor], subject, items: [{ title: 'W-2' }] })
        .expect(201);
      requestIds.push(body.id);
      await victor
        .post(`/api/portal/file-requests/${body.id}/items/${body.items[0].id}/upload`)
        .attach('file', pdf('W-2.pdf').buffer, 'W-2.pdf')
        .expect(201);
    }

    const portal = await portalPage(CONTACTS.victor);
    const documents = portal.getByRole('region', { name: 'Documents' });
    const answers = documents.getByRole('listitem').filter({ hasText: 'W-2.pdf' });
    await answers.nth(1).waitFor();
    expect(await answers.count()).toBe(2);
    const texts = (await answers.allInnerTexts()).map((text) => text.replace(/\s+/g, ' ').trim());
    // Each: the version, who uploaded it and when, and the request it answered.
    for (const subject of ['2024 return', '2025 return']) {
      expect(texts).toContainEqual(
        expect.stringMatching(
          new RegExp(
            `^W-2\\.pdf v1 · 15 B · uploaded by Victor Tester · [A-Z][a-z]{2} \\d{1,2}, \\d{4} For “W-2” in ${subject}$`,
          ),
        ),
      );
    }
    await documents.getByRole('link', { name: '2025 return' }).click();
    await portal.waitForURL(`${t.url}/portal/requests/${requestIds[1]}`);
    await portal.getByRole('heading', { name: '2025 return' }).waitFor();
    await portal.close();
  });
});
