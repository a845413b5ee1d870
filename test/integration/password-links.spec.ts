import { createHash } from 'node:crypto';
import request, { type Agent } from 'supertest';
import { PasswordResetService } from '../../server/modules/account-links/password-reset.service';
import { latestAcceptLink, invitedContact, tokenOf } from '../utils/invitations';
import { contactWithPassword, createStaff, emailedLinkToken } from '../utils/people';
import { TEST_ADMIN } from '../utils/test-env';
import { startTestApp, type TestApp } from '../utils/test-app';

const sha256 = (token: string) => createHash('sha256').update(token).digest('hex');
/** The same token with its last character changed: still well formed, no longer the link. */
const tampered = (token: string) => token.slice(0, -1) + (token.endsWith('A') ? 'B' : 'A');
const COMMON = 'This password is one of the most common ones; choose another.';

/** One kind of emailed link that sets a password, driven the way its recipient and firm do. */
interface LinkKind {
  /** A link for a new account, and a way to have the account sent a newer one. */
  issue(n: number): Promise<{ token: string; reissue: () => Promise<string> }>;
  preview(token: string): request.Test;
  use(token: string, password: string): request.Test;
  /** Moves the link's expiry into the past, as time would. */
  expire(token: string): Promise<void>;
  table: 'account_token' | 'invitation_token';
  codes: string;
}

/**
 * Every link that sets a password (staff invitation, password reset for staff and contacts,
 * portal invitation) obeys the same rules, and every route that sets a password holds it to
 * the one policy.
 */
describe('password links and the password policy', () => {
  let t: TestApp;
  let admin: Agent;
  let clientId: string;
  const sender = 'invitations@clienthub.test';

  const useAccountLink = (token: string, password: string) =>
    request(t.url).post('/api/auth/account-links/use').send({ token, password });
  const previewAccountLink = (token: string) =>
    request(t.url).get('/api/auth/account-links/preview').query({ token });
  const expireAccountLink = async (token: string) => {
    await t.query(
      `update account_token set expires_at = now() - interval '1 second' where token_hash = $1`,
      [sha256(token)],
    );
  };
  /** Asks for a reset link and waits until it is emailed. */
  async function resetLink(email: string, portal: boolean): Promise<string> {
    await request(t.url)
      .post('/api/auth/password-reset')
      .send({ email, ...(portal ? { portal } : {}) })
      .expect(202);
    await t.app.get(PasswordResetService).idle();
    return emailedLinkToken(t, email, 'password_reset');
  }
  const accountLinks = { table: 'account_token', codes: 'ACCOUNT_LINK' } as const;

  const kinds: Record<string, LinkKind> = {
    'staff invitation': {
      ...accountLinks,
      async issue(n) {
        const email = `invited-${n}@clienthub.test`;
        await admin
          .post('/api/staff')
          .send({ email, firstName: 'In', lastName: 'Vited' })
          .expect(201);
        // A member whose invitation lapsed asks for a reset: the newer link.
        const token = await emailedLinkToken(t, email, 'staff_invitation');
        return { token, reissue: () => resetLink(email, false) };
      },
      preview: previewAccountLink,
      use: useAccountLink,
      expire: expireAccountLink,
    },
    'staff password reset': {
      ...accountLinks,
      async issue(n) {
        const email = `reset-${n}@clienthub.test`;
        await createStaff(
          t,
          admin,
          { email, firstName: 'Re', lastName: 'Set' },
          'a first staff password',
        );
        const token = await resetLink(email, false);
        return { token, reissue: () => resetLink(email, false) };
      },
      preview: previewAccountLink,
      use: useAccountLink,
      expire: expireAccountLink,
    },
    'contact password reset': {
      ...accountLinks,
      async issue(n) {
        const email = `reset-${n}@example.com`;
        const contact = { email, password: 'a first portal password' };
        await contactWithPassword(t, admin, contact, clientId, 'contact_access');
        const token = await resetLink(email, true);
        return { token, reissue: () => resetLink(email, true) };
      },
      preview: previewAccountLink,
      use: useAccountLink,
      expire: expireAccountLink,
    },
    'portal invitation': {
      table: 'invitation_token',
      codes: 'INVITATION',
      async issue(n) {
        const { contactId } = await invitedContact(
          admin,
          { firstName: 'In', lastName: `Vited${n}`, email: `invited-${n}@example.com` },
          sender,
        );
        const token = tokenOf(await latestAcceptLink(t, contactId));
        return {
          token,
          async reissue() {
            const { invitation } = (await admin.get(`/api/contacts/${contactId}`)).body;
            await admin.post(`/api/invitations/${invitation.id}/resend`).expect(202);
            return tokenOf(await latestAcceptLink(t, contactId, 2));
          },
        };
      },
      preview: (token) => request(t.url).get('/api/portal/invitations/preview').query({ token }),
      use: (token, password) =>
        request(t.url).post('/api/portal/invitations/accept').send({ token, password }),
      async expire(token) {
        await t.query(
          `update invitation set expires_at = now() - interval '1 second'
           where id = (select invitation_id from invitation_token where token_hash = $1)`,
          [sha256(token)],
        );
      },
    },
  };

  beforeAll(async () => {
    t = await startTestApp({
      LOGIN_RATE_LIMIT_PER_MINUTE: '1000',
      PASSWORD_RESET_MAX_PER_EMAIL: '100',
      PASSWORD_RESET_MAX_PER_ADDRESS: '1000',
    });
    await t.startWorker();
    admin = await t.signIn();
    clientId = (await admin.post('/api/clients').send({ companyName: 'Links Ltd' }).expect(201))
      .body.id;
  });
  afterAll(() => t.close());

  let seq = 0;
  describe.each(Object.keys(kinds))('a %s link', (kind) => {
    const link = () => kinds[kind];

    it('is stored hashed, works once and is dead on use', async () => {
      const { token } = await link().issue(++seq);
      const stored = await t.query(`select 1 from ${link().table} where token_hash = $1`, [
        sha256(token),
      ]);
      expect(stored).toHaveLength(1);
      expect(await t.query(`select 1 from ${link().table} where token_hash = $1`, [token])).toEqual(
        [],
      );
      await link().preview(token).expect(200);
      // A refused password leaves the link as it was.
      const weak = await link().use(token, 'passwordpassword').expect(400);
      expect(weak.body.details).toEqual([{ field: 'password', message: COMMON }]);
      await link().use(token, 'a sound new password').expect(200);
      const again = await link().use(token, 'another sound password').expect(410);
      expect(again.body.code).toBe(`${link().codes}_USED`);
      expect((await link().preview(token).expect(410)).body.code).toBe(`${link().codes}_USED`);
    });

    it('dies at its expiry', async () => {
      const { token } = await link().issue(++seq);
      await link().expire(token);
      const expired = await link().use(token, 'a sound new password').expect(410);
      expect(expired.body.code).toBe(`${link().codes}_EXPIRED`);
      expect((await link().preview(token).expect(410)).body.code).toBe(`${link().codes}_EXPIRED`);
    });

    it('dies when a newer link is sent, and opens nothing when tampered with', async () => {
      const { token, reissue } = await link().issue(++seq);
      const newer = await reissue();
      expect(newer).not.toBe(token);
      const old = await link().use(token, 'a sound new password').expect(410);
      expect(old.body.code).toBe(`${link().codes}_REVOKED`);
      for (const forged of [tampered(newer), newer.slice(0, -1), `${newer}A`]) {
        const res = await link().use(forged, 'a sound new password').expect(404);
        expect(res.body.code).toBe(`${link().codes}_TOKEN_INVALID`);
      }
      await link().use(newer, 'a sound new password').expect(200);
    });
  });

  it('kills an unused reset link when the owner changes their password', async () => {
    const email = 'changer@clienthub.test';
    await createStaff(
      t,
      admin,
      { email, firstName: 'Ch', lastName: 'Anger' },
      'a first staff password',
    );
    const token = await resetLink(email, false);
    const agent = await t.signIn(email, 'a first staff password');
    await agent
      .post('/api/auth/password')
      .send({ currentPassword: 'a first staff password', newPassword: 'a second staff password' })
      .expect(204);
    const dead = await useAccountLink(token, 'a third staff password').expect(410);
    expect(dead.body.code).toBe('ACCOUNT_LINK_REVOKED');
    await t.signIn(email, 'a second staff password');
  });

  it('refuses a common or short password on every route that sets one, naming the field', async () => {
    const staff = await kinds['staff invitation'].issue(++seq);
    const reset = await kinds['staff password reset'].issue(++seq);
    const contactReset = await kinds['contact password reset'].issue(++seq);
    const invitation = await kinds['portal invitation'].issue(++seq);
    const contactEmail = 'changing@example.com';
    await contactWithPassword(
      t,
      admin,
      { email: contactEmail, password: 'a first portal password' },
      clientId,
      'contact_access',
    );
    const contact = request.agent(t.url);
    await contact
      .post('/api/auth/login')
      .send({ email: contactEmail, password: 'a first portal password', portal: true })
      .expect(200);
    const change = (agent: Agent, current: string) => (password: string) =>
      agent.post('/api/auth/password').send({ currentPassword: current, newPassword: password });

    const routes: [string, string, (password: string) => request.Test][] = [
      ['staff invitation', 'password', (p) => useAccountLink(staff.token, p)],
      ['staff reset', 'password', (p) => useAccountLink(reset.token, p)],
      ['contact reset', 'password', (p) => useAccountLink(contactReset.token, p)],
      ['portal invitation', 'password', (p) => kinds['portal invitation'].use(invitation.token, p)],
      ['staff change', 'newPassword', change(admin, TEST_ADMIN.password)],
      ['contact change', 'newPassword', change(contact, 'a first portal password')],
    ];
    const wrong: string[] = [];
    for (const [route, field, send] of routes) {
      for (const [password, message] of [
        ['passwordpassword', COMMON],
        ['123456789012', COMMON],
        ['QWERTY123456', COMMON],
        ['short pass', 'must be at least 12 characters'],
        // Characters, not UTF-16 units: eleven emoji are 22 units but too short.
        ['😀'.repeat(11), 'must be at least 12 characters'],
      ]) {
        const res = await send(password);
        const got = JSON.stringify([res.status, res.body.details]);
        if (got !== JSON.stringify([400, [{ field, message }]])) {
          wrong.push(`${route} ${password}: ${got}`);
        }
      }
    }
    expect(wrong).toEqual([]);
  });
});
