import type { Page } from 'playwright-core';
import type { Agent } from 'supertest';
import { fillSignIn, useConsole } from '../utils/browser';
import { clientWithContact } from '../utils/invitations';
import type { TestApp } from '../utils/test-app';

/**
 * Tag-targeted communication in real Chromium against the real API and worker: a segment made
 * from a tag (with its live count), a campaign to it with a merge field and its preview, sent
 * now, and each recipient's result on the campaign page.
 */
describe('campaigns: segment, compose, send, results', () => {
  const session = useConsole({ worker: true });
  let t: TestApp;
  let page: Page;
  let admin: Agent;
  let vip: string;
  let campaignUrl: string;

  beforeAll(async () => {
    ({ t, page } = session);
    admin = await t.signIn();
    vip = (await admin.post('/api/tags').send({ name: 'vip', color: '#1565c0' }).expect(201)).body
      .id;
    const people = await Promise.all(
      [
        ['Ann', 'Archer'],
        ['Ben', 'Baker'],
        ['Cal', 'Carter'],
      ].map(([firstName, lastName]) =>
        clientWithContact(admin, {
          firstName,
          lastName,
          email: `${firstName.toLowerCase()}@example.com`,
        }),
      ),
    );
    // Ann and Ben are VIPs, Cal is not.
    await admin
      .post('/api/clients/bulk/tags')
      .send({ ids: people.slice(0, 2).map((p) => p.clientId), add: [vip] })
      .expect(200);
  });

  it('creates a segment from the vip tag and sees its live count', async () => {
    await page.goto(`${t.url}/admin/`);
    await fillSignIn(page);
    // Signed in: the console opens on its dashboard.
    await page.getByRole('heading', { name: 'Onboarding funnel' }).waitFor();
    await page.getByRole('menuitem', { name: 'Segments' }).click();
    await page.getByRole('link', { name: 'New segment' }).first().click();

    await page.getByRole('textbox', { name: 'Name', exact: true }).fill('VIP clients');
    const preview = page.getByRole('region', { name: 'Live preview' });
    await preview.getByText('3 clients · 3 reachable contacts').waitFor();
    await page.getByRole('combobox', { name: 'Tags', exact: true }).fill('vip');
    await page.getByRole('option', { name: 'vip', exact: true }).click();
    await preview.getByText('2 clients · 2 reachable contacts').waitFor();
    const sample = preview.getByRole('list', { name: 'Matching clients' });
    expect(await sample.getByRole('listitem').allInnerTexts()).toEqual([
      expect.stringContaining('Ann Archer'),
      expect.stringContaining('Ben Baker'),
    ]);

    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Segment saved').waitFor();
    const row = page.getByRole('row').filter({ hasText: 'VIP clients' });
    await row.getByText('Tags: vip').waitFor();
    expect(await row.locator('td.column-clientCount').innerText()).toBe('2');
  });

  it('composes a campaign to the segment with a merge field and previews it', async () => {
    await page.getByRole('menuitem', { name: 'Campaigns' }).click();
    await page.getByRole('link', { name: 'New campaign' }).first().click();

    await page.getByRole('textbox', { name: 'Name', exact: true }).fill('VIP newsletter');
    await page.getByRole('textbox', { name: 'Subject' }).fill('News for {{firstName}}');
    // The firm's default sender.
    expect(await page.getByRole('textbox', { name: 'Sender' }).inputValue()).toBe('invitations');
    expect(await page.getByRole('combobox', { name: 'Domain' }).textContent()).toBe(
      'clienthub.test',
    );
    await page.getByRole('combobox', { name: 'Segment' }).fill('VIP');
    await page.getByRole('option', { name: 'VIP clients' }).click();
    const message = page.getByRole('textbox', { name: 'Message (Markdown)' });
    await message.fill('Hello ');
    await page.getByRole('button', { name: 'Insert {{firstName}}' }).click();
    await message.press('End');
    await message.pressSequentially(', your year-end letter is ready.');
    expect(await message.inputValue()).toBe('Hello {{firstName}}, your year-end letter is ready.');

    // Filled in for the segment's first reachable contact.
    const preview = page.frameLocator('iframe[title="Email preview"]');
    await preview.getByText('Hello Ann, your year-end letter is ready.', { exact: true }).waitFor();
    expect(await page.locator('iframe[title="Email preview"]').getAttribute('sandbox')).toBe('');
    await page.getByText('Subject: News for Ann').waitFor();

    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('heading', { name: 'VIP newsletter', level: 2 }).waitFor();
    campaignUrl = page.url();
    await page.getByText('Will go to 2 contacts of 2 clients.').waitFor();
  });

  it('sends it now and shows each recipient’s result', async () => {
    const { body: settings } = await admin.get('/api/settings').expect(200);
    // Without RESEND_API_KEY the API reports `sent` for emails recorded in the Outbox.
    const sentLabel = settings.emailDelivery === 'outbox' ? 'Kept locally' : 'Sent';

    await page.getByRole('button', { name: 'Send now' }).click();
    const confirm = page.getByRole('dialog', { name: 'Send "VIP newsletter" now?' });
    await confirm.getByText('Will go to 2 contacts of 2 clients.').waitFor();
    await confirm.getByRole('button', { name: 'Send now' }).click();

    const recipients = page.getByRole('region', { name: 'Recipients' });
    for (const email of ['ann@example.com', 'ben@example.com']) {
      await recipients
        .getByRole('row')
        .filter({ hasText: email })
        .getByText(sentLabel, { exact: true })
        .waitFor({ timeout: 30_000 });
    }
    expect(await recipients.locator('tbody tr').count()).toBe(2);
    expect(await recipients.locator('tbody tr td.column-name').allInnerTexts()).toEqual([
      'Ann Archer',
      'Ben Baker',
    ]);
    await page.getByText('Sent', { exact: true }).first().waitFor({ timeout: 30_000 });
    const temporal = page.getByRole('link', { name: 'Open in Temporal Web UI' });
    expect(await temporal.getAttribute('href')).toMatch(/\/workflows\/campaign-[\w-]+$/);

    const id = campaignUrl.match(/campaigns\/([\w-]+)\/show/)![1];
    const { body } = await admin.get(`/api/campaigns/${id}/recipients`).expect(200);
    expect(body.map((r: { email: string; status: string }) => [r.email, r.status])).toEqual([
      ['ann@example.com', 'sent'],
      ['ben@example.com', 'sent'],
    ]);
    const { body: campaign } = await admin.get(`/api/campaigns/${id}`).expect(200);
    expect(campaign).toMatchObject({ status: 'sent', stats: { recipients: 2, sent: 2 } });
  });

  it('saves the clients list filter as a segment', async () => {
    await page.goto(`${t.url}/admin/#/clients`);
    await page.getByRole('combobox', { name: 'Tags', exact: true }).fill('vip');
    await page.getByRole('option', { name: 'vip', exact: true }).click();
    await page.waitForFunction(() => document.querySelectorAll('tbody tr').length === 2);
    await page.getByRole('button', { name: 'Save as segment' }).click();
    const dialog = page.getByRole('dialog', { name: 'Save as segment' });
    await dialog.getByText('Filter: Tags: vip').waitFor();
    await dialog.getByRole('textbox', { name: 'Segment name' }).fill('VIPs from the list');
    await dialog.getByRole('button', { name: 'Save segment' }).click();
    await page.getByText('Segment "VIPs from the list" saved').waitFor();

    const { body } = await admin.get('/api/segments').expect(200);
    expect(body).toContainEqual(
      expect.objectContaining({
        name: 'VIPs from the list',
        filter: expect.objectContaining({ tagIds: [vip] }),
        clientCount: 2,
      }),
    );
  });
});
