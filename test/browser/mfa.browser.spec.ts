import request from 'supertest';
import { fillSignIn, newPhonePage, useConsole } from '../utils/browser';
import { contactWithPassword, createStaff } from '../utils/people';
import { freshCode, rememberSecret, signInWithSecondFactor } from '../utils/second-factor';
import { TEST_ADMIN } from '../utils/test-env';

/**
 * Two-step sign-in in the browser: the first admin of a new firm (which requires it of staff)
 * sets up an authenticator at the first sign-in, signs in with its code, then with a recovery
 * code (and is emailed about it); a firm requiring it of contacts leads one through it in the
 * portal. Codes are computed here from the secret the page shows, as an authenticator does.
 */
describe('two-step sign-in in the browser', () => {
  const session = useConsole();
  let recoveryCodes: string[] = [];

  const signInWithPassword = async () => {
    const { t, page } = session;
    await page.context().clearCookies();
    await page.goto(`${t.url}/admin/`);
    await page.getByLabel('Email').fill(TEST_ADMIN.email);
    await page.getByRole('textbox', { name: 'Password' }).fill(TEST_ADMIN.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
  };
  let secret = '';
  let adminAgent: Promise<request.Agent> | undefined;
  /** One API session for the admin's set-up calls: each sign-in spends an authenticator step. */
  const adminApi = () => (adminAgent ??= session.t.signIn());

  it('guides the first admin through setting up an app at the first sign-in', async () => {
    const { t, page } = session;
    await signInWithPassword();
    await page.getByRole('heading', { name: 'Set up two-step sign-in' }).waitFor();
    const qr = page.getByRole('img', { name: 'QR code for your authenticator app' });
    expect(await qr.getAttribute('src')).toMatch(/^data:image\/svg\+xml;base64,/);
    secret = (await page.getByLabel('Secret key').inputValue()).replace(/\s/g, '');
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    rememberSecret(t.config.DATABASE_URL, TEST_ADMIN.email, secret);
    // Nothing is open before the code: the API still says who is not signed in.
    expect((await page.request.get(`${t.url}/api/auth/me`)).status()).toBe(401);

    await page.getByLabel('Authentication code').fill('000000');
    await page.getByRole('button', { name: 'Turn on two-step sign-in' }).click();
    await page
      .getByRole('alert')
      .getByText('code: is not correct (or was already used).')
      .waitFor();

    await page.getByLabel('Authentication code').fill(await freshCode(secret));
    await page.getByRole('button', { name: 'Turn on two-step sign-in' }).click();
    await page.getByRole('heading', { name: 'Save your recovery codes' }).waitFor();
    recoveryCodes = await page
      .getByRole('list', { name: 'Recovery codes' })
      .getByRole('listitem')
      .allInnerTexts();
    expect(recoveryCodes).toHaveLength(10);
    expect(recoveryCodes[0]).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/);
    await page.getByRole('button', { name: 'I have saved them, continue' }).click();
    await page.getByRole('heading', { name: 'Onboarding funnel' }).waitFor();
  });

  it('signs in with the code the app shows', async () => {
    const { page } = session;
    await signInWithPassword();
    await page.getByLabel('Authentication code').fill(await freshCode(secret));
    await page.getByRole('button', { name: 'Verify' }).click();
    await page.getByRole('heading', { name: 'Onboarding funnel' }).waitFor();
  });

  it('signs in with a recovery code, once, and emails the admin about it', async () => {
    const { t, page } = session;
    await signInWithPassword();
    await page.getByRole('button', { name: 'Lost your phone? Use a recovery code' }).click();
    await page.getByLabel('Recovery code').fill(recoveryCodes[0]);
    await page.getByRole('button', { name: 'Verify' }).click();
    await page.getByRole('heading', { name: 'Onboarding funnel' }).waitFor();

    const [notice] = await t.query<{ subject: string }>(
      `select subject from email_message where to_email = $1 and kind = 'security_notice'`,
      [TEST_ADMIN.email],
    );
    expect(notice.subject).toBe('A recovery code was used to sign in to Your firm');
    await page.goto(`${t.url}/admin/#/security`);
    await page.getByText('9 recovery codes left.').waitFor();

    await signInWithPassword();
    await page.getByRole('button', { name: 'Lost your phone? Use a recovery code' }).click();
    await page.getByLabel('Recovery code').fill(recoveryCodes[0]);
    await page.getByRole('button', { name: 'Verify' }).click();
    await page
      .getByRole('alert')
      .getByText('recoveryCode: is not correct (or was already used).')
      .waitFor();
  });

  it('leads a contact through setting up an app when the firm requires it of contacts', async () => {
    const { t, page } = session;
    const admin = await adminApi();
    await admin.put('/api/settings').send({ contactMfa: 'required' }).expect(200);
    const { body: client } = await admin
      .post('/api/clients')
      .send({ companyName: 'Strict LLC' })
      .expect(201);
    const contact = {
      email: 'rosa@example.com',
      password: 'rosa portal password',
      firstName: 'Rosa',
    };
    await contactWithPassword(t, admin, contact, client.id, 'contact_access');

    const portal = await newPhonePage(page);
    await portal.goto(`${t.url}/portal/login`);
    await portal.getByLabel('Email').fill(contact.email);
    await portal.getByLabel('Password').fill(contact.password);
    await portal.getByRole('button', { name: 'Sign in' }).click();
    await portal.getByRole('heading', { name: 'Set up two-step sign-in' }).waitFor();
    const shown = await portal.getByLabel('Secret key').innerText();
    await portal.getByLabel('Authentication code').fill(await freshCode(shown.replace(/\s/g, '')));
    await portal.getByRole('button', { name: 'Turn on two-step sign-in' }).click();
    await portal.getByRole('heading', { name: 'Save your recovery codes' }).waitFor();
    expect(await portal.getByRole('listitem').count()).toBe(10);
    await portal.getByRole('button', { name: 'I have saved my recovery codes' }).click();
    await portal.getByRole('heading', { name: 'Welcome, Rosa' }).waitFor();

    await portal.goto(`${t.url}/portal/profile`);
    await portal.getByText('10 recovery codes left.').waitFor();
    await portal.context().close();
  });

  it('makes new recovery codes on the security page, with a code from the app', async () => {
    const { t, page } = session;
    // The last sign-in here was refused (a spent recovery code): sign in as the admin does.
    await page.goto(`${t.url}/admin/`);
    await fillSignIn(page);
    await page.getByRole('heading', { name: 'Onboarding funnel' }).waitFor();
    await page.goto(`${t.url}/admin/#/security`);
    const form = page.getByRole('form', { name: 'New recovery codes' });
    await form.getByLabel('Authentication code').fill(await freshCode(secret));
    await form.getByRole('button', { name: 'Make new recovery codes' }).click();
    await page.getByRole('heading', { name: 'Save your recovery codes' }).waitFor();
    const fresh = await page
      .getByRole('list', { name: 'Recovery codes' })
      .getByRole('listitem')
      .allInnerTexts();
    expect(fresh).toHaveLength(10);
    expect(fresh).not.toContain(recoveryCodes[1]);
    await page.getByRole('button', { name: 'I have saved my recovery codes' }).click();
    await page.getByText('10 recovery codes left.').waitFor();
  });

  it('lets a Staff Admin reset a member’s two-step sign-in from the member’s page', async () => {
    const { t, page } = session;
    const admin = await adminApi();
    const member = { email: 'mo@clienthub.test', password: 'mo member password' };
    const id = await createStaff(
      t,
      admin,
      { email: member.email, firstName: 'Mo', lastName: 'M' },
      member.password,
    );
    const signedIn = await t.signIn(member.email, member.password);
    await page.goto(`${t.url}/admin/#/staff/${id}`);
    await page.getByRole('button', { name: 'Reset two-step sign-in' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Reset' }).click();
    await page
      .getByText(`Two-step sign-in of ${member.email} reset; they were signed out`)
      .waitFor();
    await signedIn.get('/api/auth/me').expect(401);
    const { body } = await request(t.url).post('/api/auth/login').send(member).expect(200);
    expect(body).toEqual({ secondFactor: 'enrol' });
  });

  it('lets a Staff Admin reset a portal contact’s two-step sign-in from the contact’s page', async () => {
    const { t, page } = session;
    const admin = await adminApi();
    const { body: client } = await admin
      .post('/api/clients')
      .send({ companyName: 'Lost Phone Bakery' })
      .expect(201);
    const contact = { email: 'lena@example.com', password: 'lena portal password' };
    const id = await contactWithPassword(t, admin, contact, client.id, 'contact_access');
    await admin.put('/api/settings').send({ contactMfa: 'required' }).expect(200);
    try {
      const portal = await signInWithSecondFactor(request.agent(t.url), t.config.DATABASE_URL, {
        ...contact,
        portal: true,
      });
      await page.goto(`${t.url}/admin/#/contacts/${id}/show`);
      await page.getByRole('button', { name: 'Reset two-step sign-in' }).click();
      await page.getByRole('dialog').getByRole('button', { name: 'Reset' }).click();
      await page
        .getByText(`Two-step sign-in of ${contact.email} reset; they were signed out`)
        .waitFor();
      await portal.get('/api/portal/me').expect(401);
      const { body } = await request(t.url)
        .post('/api/auth/login')
        .send({ ...contact, portal: true })
        .expect(200);
      expect(body).toEqual({ secondFactor: 'enrol' });
    } finally {
      await admin.put('/api/settings').send({ contactMfa: 'optional' }).expect(200);
    }
  });
});
