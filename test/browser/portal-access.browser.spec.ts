import type { BrowserContext, Page } from 'playwright-core';
import type { Agent } from 'supertest';
import { useConsole } from '../utils/browser';
import type { TestApp } from '../utils/test-app';
import { TEST_DATA_DIR } from '../utils/test-env';
import { contactWithPassword } from '../utils/people';

type Role = 'contact_collaborator' | 'contact_access';

interface PortalContact {
  firstName: string;
  email: string;
  password: string;
  role: Role;
  /** The client shared with the contact; the other one must stay out of sight. */
  client: 'alpha' | 'beta';
}

const CONTACTS = {
  carla: {
    firstName: 'Carla',
    email: 'carla@example.com',
    password: 'carla portal password',
    role: 'contact_collaborator',
    client: 'alpha',
  },
  victor: {
    firstName: 'Victor',
    email: 'victor@example.com',
    password: 'victor portal password',
    role: 'contact_access',
    client: 'alpha',
  },
  bea: {
    firstName: 'Bea',
    email: 'bea@example.com',
    password: 'bea portal password',
    role: 'contact_collaborator',
    client: 'beta',
  },
} satisfies Record<string, PortalContact>;

const CLIENTS = {
  alpha: {
    companyName: 'Alpha LLC',
    email: 'office@alpha.test',
    phone: '+1 217 555 0100',
    street: '12 Elm Street',
    city: 'Springfield',
    state: 'IL',
    postalCode: '62701',
  },
  beta: { companyName: 'Beta Inc' },
};

const ACCESS_TEXT: Record<Role, string> = {
  contact_collaborator: 'Your access: Collaborator — you can add your own files and notes',
  contact_access: 'Your access: View only — you see what your firm shares with you',
};

/**
 * The portal's client and profile pages in real Chromium against the real API and database: a
 * collaborator and an access-only contact of the same client see what their role allows and
 * nothing of another client; a contact changes their password and signs in with it.
 */
describe('portal: what each contact of a client sees', () => {
  const session = useConsole();
  let t: TestApp;
  const clientIds = {} as Record<keyof typeof CLIENTS, string>;
  // Each contact signs in from their own browser: separate cookies, as on separate devices.
  const contexts: BrowserContext[] = [];
  let current: Page | undefined;

  async function newPortalPage(viewport = { width: 1000, height: 800 }): Promise<Page> {
    const context = await session.page.context().browser()!.newContext({ viewport });
    contexts.push(context);
    current = await context.newPage();
    return current;
  }

  async function signIn(page: Page, email: string, password: string): Promise<void> {
    await page.goto(`${t.url}/portal/login`);
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
  }

  const signOut = async (page: Page) => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Sign in to your portal' }).waitFor();
  };

  beforeAll(async () => {
    t = session.t;
    const admin: Agent = await t.signIn();
    for (const [key, fields] of Object.entries(CLIENTS)) {
      const { body } = await admin.post('/api/clients').send(fields).expect(201);
      clientIds[key as keyof typeof CLIENTS] = body.id;
    }
    for (const { client, role, ...contact } of Object.values(CONTACTS)) {
      await contactWithPassword(
        t,
        admin,
        { ...contact, lastName: 'Tester' },
        clientIds[client],
        role,
      );
    }
  });
  afterAll(async () => {
    for (const context of contexts) await context.close();
  });
  afterEach(async () => {
    if (!current || current.isClosed()) return;
    const name = (expect.getState().currentTestName ?? 'step').replace(/\W+/g, '-');
    await current.screenshot({ path: `${TEST_DATA_DIR}/browser-${name}-portal.png` });
  });

  it.each([
    ['the collaborator', CONTACTS.carla],
    ['the access-only contact', CONTACTS.victor],
    ['the contact of another client', CONTACTS.bea],
  ])(
    '%s sees their client with what their role allows, and not the other client',
    async (_who, contact: PortalContact) => {
      const own = CLIENTS[contact.client];
      const other = contact.client === 'alpha' ? 'beta' : 'alpha';
      const page = await newPortalPage();
      await signIn(page, contact.email, contact.password);

      await page.getByRole('heading', { name: `Welcome, ${contact.firstName}` }).waitFor();
      const clients = page.getByRole('list', { name: 'Your clients' });
      await clients.getByRole('listitem').first().waitFor();
      expect(await clients.getByRole('listitem').allInnerTexts()).toEqual([
        expect.stringContaining(own.companyName),
      ]);
      expect(await page.getByText(CLIENTS[other].companyName).count()).toBe(0);

      await clients.getByRole('link', { name: own.companyName }).click();
      await page.getByRole('heading', { name: own.companyName, level: 1 }).waitFor();
      expect(new URL(page.url()).pathname).toBe(`/portal/clients/${clientIds[contact.client]}`);
      await page.getByText(ACCESS_TEXT[contact.role]).waitFor();
      const documents = page.getByRole('region', { name: 'Documents' });
      await documents.getByText('No documents yet.').waitFor();
      // Only collaborators may add files.
      expect(await documents.getByRole('button', { name: 'Upload a file' }).count()).toBe(
        contact.role === 'contact_collaborator' ? 1 : 0,
      );
      if ('street' in own) {
        for (const line of ['12 Elm Street', 'Springfield, IL 62701']) {
          await page.getByText(line, { exact: true }).waitFor();
        }
        expect(await page.getByRole('link', { name: own.email }).getAttribute('href')).toBe(
          `mailto:${own.email}`,
        );
        expect(await page.getByRole('link', { name: own.phone }).getAttribute('href')).toBe(
          'tel:+12175550100',
        );
      }

      // Typing the other client's address shows nothing of it.
      await page.goto(`${t.url}/portal/clients/${clientIds[other]}`);
      await page.getByRole('heading', { name: 'Client not found', level: 1 }).waitFor();
      await page.getByText('This client is not in your portal').waitFor();
      expect(await page.getByText(CLIENTS[other].companyName).count()).toBe(0);
      await page.getByRole('link', { name: 'Back to your clients' }).click();
      await clients.getByRole('link', { name: own.companyName }).waitFor();

      await signOut(page);
      // Signed out, a client's address leads to the landing page, not to the client.
      await page.goto(`${t.url}/portal/clients/${clientIds[contact.client]}`);
      await page.getByRole('heading', { name: 'Client portal', level: 1 }).waitFor();
      expect(await page.getByText(own.companyName).count()).toBe(0);
    },
  );

  it('changes the access-only contact’s password on the profile page, then signs in with it', async () => {
    const { email, password } = CONTACTS.victor;
    const newPassword = 'a long and rare passphrase';
    // A second device already signed in: changing the password signs it out.
    const otherDevice = await newPortalPage();
    await signIn(otherDevice, email, password);
    await otherDevice.getByRole('heading', { name: 'Welcome, Victor' }).waitFor();

    const page = await newPortalPage({ width: 390, height: 844 });
    await signIn(page, email, password);
    await page.getByRole('heading', { name: 'Welcome, Victor' }).waitFor();
    await page.getByRole('link', { name: 'Profile' }).click();
    await page.getByRole('heading', { name: 'Your profile', level: 1 }).waitFor();
    await page.getByText('Victor Tester', { exact: true }).waitFor();
    await page.getByText(email, { exact: true }).waitFor();
    for (const label of ['Current password', 'New password', 'Confirm new password']) {
      expect(await page.getByLabel(label, { exact: true }).getAttribute('type')).toBe('password');
    }
    expect(
      await page.getByLabel('Current password', { exact: true }).getAttribute('autocomplete'),
    ).toBe('current-password');
    expect(
      await page.getByLabel('New password', { exact: true }).getAttribute('autocomplete'),
    ).toBe('new-password');

    const change = async (current: string, next: string, confirmation = next) => {
      await page.getByLabel('Current password', { exact: true }).fill(current);
      await page.getByLabel('New password', { exact: true }).fill(next);
      await page.getByLabel('Confirm new password', { exact: true }).fill(confirmation);
      await page.getByRole('button', { name: 'Change password' }).click();
    };
    const alert = page.getByRole('alert');

    // Checked in the page first: too short, then not the same twice.
    await change(password, 'short');
    await alert.filter({ hasText: 'at least 12 characters' }).waitFor();
    await change(password, newPassword, 'a long and rare passphrasf');
    await alert.filter({ hasText: 'do not match' }).waitFor();
    // Then by the API: a wrong current password, a common new one (without its "field:" prefix).
    await change('not my password at all', newPassword);
    await alert.filter({ hasText: 'current password is not correct' }).waitFor();
    await change(password, 'qwerty123456');
    const common = alert.filter({ hasText: 'most common' });
    await common.waitFor();
    expect(await common.innerText()).toMatch(/^This password is one of the most common ones/);

    await change(password, newPassword);
    await page
      .getByRole('status')
      .filter({ hasText: 'Your password was changed. Other devices were signed out.' })
      .waitFor();
    expect(await alert.count()).toBe(0);
    expect(await page.getByLabel('New password', { exact: true }).inputValue()).toBe('');

    // The other device's session is gone: it finds the landing page on its next visit.
    await otherDevice.reload();
    await otherDevice.getByRole('heading', { name: 'Client portal', level: 1 }).waitFor();

    await signOut(page);
    await signIn(page, email, password);
    await page.getByRole('alert').waitFor();
    expect(new URL(page.url()).pathname).toBe('/portal/login');
    await page.getByLabel('Password').fill(newPassword);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Welcome, Victor' }).waitFor();
  });
});
