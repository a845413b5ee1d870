import type { Page } from 'playwright-core';
import type { Agent } from 'supertest';
import { signInToConsole, useConsole } from '../utils/browser';
import { createStaff } from '../utils/people';
import type { TestApp } from '../utils/test-app';

const ENTITIES_ADMIN = { email: 'ella@clienthub.test', password: 'ella entities password' };
const CLIENT = 'Northwind Partners LLC';

interface Grant {
  principalType: string;
  name: string;
  role: string;
  inherited: boolean;
  viaGroup: { name: string } | null;
}

/**
 * The Share dialog in real Chromium against the real API: an Entities Admin (owner of every
 * client, no grant needed) shares a client with a staff member and a contact group, sees the
 * group's member under Inherited, revokes the staff member; the API then holds what was shown.
 */
describe('console: sharing a client', () => {
  const session = useConsole();
  let t: TestApp;
  let page: Page;
  let admin: Agent;
  let clientId: string;

  const dialog = () => page.getByRole('dialog', { name: `Share ${CLIENT}` });
  const directList = () => dialog().getByRole('list', { name: 'People and groups with access' });
  const inheritedList = () => dialog().getByRole('list', { name: 'Inherited' });

  /** Picks someone in the Add form by what is typed, with a role unless the default will do. */
  async function add(search: string, name: RegExp, role?: string) {
    await dialog().getByRole('combobox', { name: 'Add people or groups' }).fill(search);
    // The picker's options and the role menu open in popups outside the dialog.
    await page.getByRole('option', { name }).click();
    if (role) {
      await dialog().getByRole('combobox', { name: 'Role', exact: true }).click();
      await page.getByRole('option', { name: role, exact: true }).click();
    }
    await dialog().getByRole('button', { name: 'Add', exact: true }).click();
  }

  beforeAll(async () => {
    ({ t, page } = session);
    admin = await t.signIn();
    const staffUser = (firstName: string, email: string, roles: string[], password: string) =>
      createStaff(t, admin, { email, firstName, lastName: 'Tester', roles }, password);
    await staffUser('Ella', ENTITIES_ADMIN.email, ['entities_admin'], ENTITIES_ADMIN.password);
    await staffUser('Sam', 'sam@clienthub.test', ['staff'], 'sam staff password');
    // A second match for the search, so picking the right one is part of the test.
    await staffUser('Samantha', 'samantha@clienthub.test', ['staff'], 'samantha staff password');
    clientId = (await admin.post('/api/clients').send({ companyName: CLIENT }).expect(201)).body.id;
    const nora = await admin
      .post('/api/contacts')
      .send({ email: 'nora@example.com', firstName: 'Nora', lastName: 'North' })
      .expect(201);
    await admin
      .post('/api/contact-groups')
      .send({ name: 'Northwind family', memberIds: [nora.body.id] })
      .expect(201);
  });

  it('an Entities Admin grants a staff member and a contact group, and revokes the staff member', async () => {
    await page.goto(`${t.url}/admin/`);
    await signInToConsole(page, ENTITIES_ADMIN);
    // Signed in: the console opens on its dashboard.
    await page.getByRole('heading', { name: 'Onboarding funnel' }).waitFor();
    await page.goto(`${t.url}/admin/#/clients/${clientId}/show`);
    await page.getByRole('button', { name: 'Share', exact: true }).click();
    await dialog().getByText('Not shared with anyone yet').waitFor();
    await dialog().getByText('No one has access through a group').waitFor();

    await add('Sam', /^Sam Tester/);
    const samRole = dialog().getByRole('combobox', { name: 'Role of Sam Tester' });
    await samRole.waitFor();
    expect(await samRole.innerText()).toBe('Viewer');

    await add('Northwind', /^Northwind family/, 'Collaborator (can add files)');
    const groupRole = dialog().getByRole('combobox', { name: 'Role of Northwind family' });
    await groupRole.waitFor();
    expect(await groupRole.innerText()).toBe('Collaborator (can add files)');
    // Read whole, not cut to "Collaborator (can add fil…".
    expect(await groupRole.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
    // The group's member is listed apart, read-only, with the group it comes through.
    const inheritedItems = inheritedList().getByRole('listitem');
    await inheritedItems.first().waitFor();
    expect(await inheritedItems.allInnerTexts()).toEqual([
      expect.stringMatching(
        /^Nora North — Collaborator \(can add files\) — through Northwind family\s+nora@example\.com$/,
      ),
    ]);
    expect(await directList().getByText('Nora North').count()).toBe(0);

    await dialog().getByRole('button', { name: 'Remove Sam Tester' }).click();
    await samRole.waitFor({ state: 'detached' });
    expect(await directList().getByRole('listitem').count()).toBe(1);
    expect(await inheritedItems.count()).toBe(1);
    await dialog().getByRole('button', { name: 'Done' }).click();
    await dialog().waitFor({ state: 'detached' });

    // What the dialog showed last is what the API holds.
    const grants = (await admin.get(`/api/clients/${clientId}/access`).expect(200)).body as Grant[];
    const shown = (g: Grant) => [g.principalType, g.name, g.role, g.viaGroup?.name ?? null];
    expect(grants.filter((g) => !g.inherited).map(shown)).toEqual([
      ['contact_group', 'Northwind family', 'contact_collaborator', null],
    ]);
    expect(grants.filter((g) => g.inherited).map(shown)).toEqual([
      ['contact', 'Nora North', 'contact_collaborator', 'Northwind family'],
    ]);
    // Revoked means gone: Sam no longer sees the client.
    const sam = await t.signIn('sam@clienthub.test', 'sam staff password');
    await sam.get(`/api/clients/${clientId}`).expect(404);
  });
});
