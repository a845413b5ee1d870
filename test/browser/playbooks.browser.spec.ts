import type { Page } from 'playwright-core';
import type { Agent } from 'supertest';
import { fillSignIn, useConsole } from '../utils/browser';
import type { TestApp } from '../utils/test-app';

/**
 * A playbook in real Chromium against the real API and worker: an admin writes a request
 * template with two items, then a playbook "when tag 1040 is added: wait 3 days, then request
 * files with that template"; tagging a client starts a run, which the playbook's page shows
 * waiting at its first step, with its workflow in the Temporal Web UI.
 */
describe('playbooks: console', () => {
  const session = useConsole({ worker: true });
  let t: TestApp;
  let page: Page;
  let admin: Agent;
  let tagId: string;
  let clientId: string;
  let playbookId: string;

  beforeAll(async () => {
    ({ t, page } = session);
    admin = await t.signIn();
    ({
      body: { id: tagId },
    } = await admin.post('/api/tags').send({ name: '1040', color: 'blue' }).expect(201));
    ({
      body: { id: clientId },
    } = await admin.post('/api/clients').send({ companyName: 'Harbor Tax LLC' }).expect(201));
  });

  it('an admin writes a request template with two items', async () => {
    await page.goto(`${t.url}/admin/`);
    await fillSignIn(page);
    await page.getByRole('menuitem', { name: 'Request templates' }).click();
    await page.getByRole('link', { name: 'Create' }).click();

    await page.getByRole('textbox', { name: 'Name' }).fill('Extension documents');
    await page.getByRole('textbox', { name: 'Subject' }).fill('Documents for your extension');
    await page.getByRole('button', { name: 'Add item' }).click();
    await page.getByRole('textbox', { name: 'Item 1 title' }).fill('W-2');
    await page.getByRole('button', { name: 'Add item' }).click();
    await page.getByRole('textbox', { name: 'Item 2 title' }).fill('Brokerage 1099');
    await page.getByRole('spinbutton', { name: 'Due in days' }).fill('14');
    await page.getByRole('button', { name: 'Save' }).click();

    const row = page.getByRole('row', { name: /Extension documents/ });
    await row.getByRole('cell', { name: 'Documents for your extension' }).waitFor();
    await row.getByRole('cell', { name: '2', exact: true }).waitFor();
    await row.getByRole('cell', { name: '14 days' }).waitFor();
  });

  it('an admin creates a playbook: when tag 1040 is added, wait 3 days, then request files', async () => {
    await page.getByRole('menuitem', { name: 'Playbooks' }).click();
    await page.getByRole('link', { name: 'Create' }).click();

    await page.getByRole('textbox', { name: 'Name' }).fill('1040 season');
    // A new playbook starts as "a tag is added", with one wait step.
    await page.getByRole('combobox', { name: 'Trigger tag' }).fill('1040');
    await page.getByRole('option', { name: '1040', exact: true }).click();
    await page.getByRole('spinbutton', { name: 'Step 1 days' }).fill('3');
    await page.getByRole('button', { name: 'Add step' }).click();
    await page.getByRole('combobox', { name: /^Step 2 type/ }).click();
    await page.getByRole('option', { name: 'Request files', exact: true }).click();
    await page.getByRole('combobox', { name: 'Step 2 template' }).fill('Extension');
    await page.getByRole('option', { name: 'Extension documents', exact: true }).click();
    await page.getByRole('button', { name: 'Save' }).click();

    await page.getByRole('heading', { name: '1040 season', level: 2 }).waitFor();
    await page.getByText('When tag 1040 is added').waitFor();
    const steps = page.getByRole('list', { name: 'Steps' });
    await steps.getByText('Wait 3 days').waitFor();
    await steps.getByText('Request files with template "Extension documents"').waitFor();
    playbookId = /#\/playbooks\/([\w-]+)\/show/.exec(page.url())![1];
  });

  it('tagging a client 1040 starts a run, shown waiting with its Temporal workflow', async () => {
    await admin
      .put(`/api/clients/${clientId}`)
      .send({ tagIds: [tagId] })
      .expect(200);
    await page.reload();

    const run = page.getByRole('row', { name: /Harbor Tax LLC/ });
    await run.getByText('Running', { exact: true }).waitFor();
    // The page polls while a run is under way: the workflow reaches its first step.
    await run.getByText('1 of 2: Wait 3 days').waitFor();
    const temporal = run.getByRole('link', { name: 'Open in Temporal Web UI' });
    await temporal.waitFor();
    expect(await temporal.getAttribute('href')).toMatch(
      new RegExp(`/workflows/playbook-run-${playbookId}-${clientId}$`),
    );
    await run.getByRole('button', { name: 'Cancel run for Harbor Tax LLC' }).waitFor();

    // The client's page lists it too.
    await page.goto(`${t.url}/admin/#/clients/${clientId}/show`);
    const onClient = page.getByRole('row', { name: /1040 season/ });
    await onClient.getByText('1 of 2: Wait 3 days').waitFor();
  });
});
