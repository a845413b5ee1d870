/// <reference lib="dom" />
import type { Page } from 'playwright-core';
import { fillSignIn, useConsole } from '../utils/browser';
import type { TestApp } from '../utils/test-app';

/**
 * The first feature slice end to end in real Chromium against the real API and database:
 * sign in, create a coloured tag, bulk-assign it to two clients, filter the list by it.
 */
describe('console: clients and tags in a browser', () => {
  const session = useConsole();
  let t: TestApp;
  let page: Page;

  beforeAll(async () => {
    ({ t, page } = session);
    const admin = await t.signIn();
    for (const c of [
      { firstName: 'Ada', lastName: 'Lovelace', email: 'ada@example.com', taxClientId: 'T-1' },
      { firstName: 'Alan', lastName: 'Turing', email: 'alan@example.com', taxClientId: 'T-2' },
      { firstName: 'Grace', lastName: 'Hopper', email: 'grace@example.com', taxClientId: 'T-3' },
      { companyName: 'Babbage & Sons Ltd', email: 'office@babbage.test', taxClientId: 'T-4' },
    ]) {
      await admin.post('/api/clients').send(c).expect(201);
    }
  });

  it('rejects a wrong password with the API message, then signs in', async () => {
    await page.goto(`${t.url}/admin/`);
    await fillSignIn(page, 'not-the-password');
    await page.getByText('Wrong email or password.').waitFor();

    await fillSignIn(page);
    await page.getByRole('heading', { name: 'Onboarding funnel' }).waitFor();
    await page.getByRole('menuitem', { name: 'Clients' }).click();
    await page.getByRole('columnheader', { name: 'Tax client ID' }).waitFor();
    expect(await page.getByRole('row').count()).toBe(5); // header + 4 clients
  });

  it('creates a tag with a colour', async () => {
    await page.getByRole('menuitem', { name: 'Tags' }).click();
    await page.goto(`${t.url}/admin/#/tags/create`);
    await page.getByRole('textbox', { name: 'Name' }).fill('Extension filed');
    await page.getByRole('radio', { name: 'Purple' }).check();
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Tag created').waitFor();

    const tags = (await (await t.signIn()).get('/api/tags')).body;
    expect(tags).toEqual([
      expect.objectContaining({ name: 'Extension filed', color: '#8e24aa', clientCount: 0 }),
    ]);
  });

  it('bulk-assigns the tag to two selected clients', async () => {
    await page.goto(`${t.url}/admin/#/clients`);
    for (const name of ['Ada Lovelace', 'Grace Hopper']) {
      await page.getByRole('row').filter({ hasText: name }).getByRole('checkbox').check();
    }
    await page.getByRole('button', { name: 'Assign tags' }).click();
    const dialog = page.getByRole('dialog', { name: 'Assign tags' });
    await dialog.getByRole('combobox', { name: 'Tags' }).fill('Extension');
    await page.getByRole('option', { name: 'Extension filed', exact: true }).click();
    await dialog.getByRole('button', { name: 'Apply' }).click();
    await page.getByText('Tags updated on 2 clients').waitFor();

    const chip = page
      .getByRole('row')
      .filter({ hasText: 'Ada Lovelace' })
      .getByText('Extension filed');
    await chip.waitFor();
    expect(
      await chip.evaluate((el) => getComputedStyle(el.closest('.MuiChip-root')!).backgroundColor),
    ).toBe('rgb(142, 36, 170)');
  });

  it('filters the list by the tag and shows exactly those two clients', async () => {
    await page.getByRole('combobox', { name: 'Tags' }).first().fill('Extension');
    await page.getByRole('option', { name: 'Extension filed', exact: true }).click();
    await page.waitForFunction(
      () => document.querySelectorAll('tbody tr').length === 2,
      undefined,
      {
        timeout: 10_000,
      },
    );
    const names = await page.locator('tbody tr td.column-displayName').allInnerTexts();
    expect(names.sort()).toEqual(['Ada Lovelace', 'Grace Hopper']);
    expect(page.url()).toContain('tagIds');
  });

  it('creates a tag typed in the bulk dialog only on Apply, never on Cancel', async () => {
    const tagNames = async () =>
      ((await (await t.signIn()).get('/api/tags')).body as { name: string }[]).map((x) => x.name);
    // Without the previous test's tag filter.
    await page.goto(`${t.url}/admin/#/clients?filter=${encodeURIComponent('{}')}`);
    await page.getByRole('row').filter({ hasText: 'Alan Turing' }).getByRole('checkbox').check();
    const open = async () => {
      await page.getByRole('button', { name: 'Assign tags' }).click();
      const dialog = page.getByRole('dialog', { name: 'Assign tags' });
      await dialog.getByRole('combobox', { name: 'Tags' }).fill('Payroll');
      await page.getByRole('option', { name: 'Create tag "Payroll"' }).click();
      await dialog.getByText('New: Payroll').waitFor();
      return dialog;
    };

    await (await open()).getByRole('button', { name: 'Cancel' }).click();
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    expect(await tagNames()).not.toContain('Payroll');

    await (await open()).getByRole('button', { name: 'Apply' }).click();
    await page.getByText('Tags updated on 1 client').waitFor();
    expect(await tagNames()).toContain('Payroll');
    await page.getByRole('row').filter({ hasText: 'Alan Turing' }).getByText('Payroll').waitFor();
  });
});
