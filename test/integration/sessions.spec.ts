import request, { type Agent } from 'supertest';
import { loadConfig } from '../../server/config/app-config';
import { portalContact, staffMember } from '../utils/people';
import { signInWithSecondFactor } from '../utils/second-factor';
import { TEST_ADMIN } from '../utils/test-env';
import { startTestApp, type TestApp } from '../utils/test-app';

const FIREFOX = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0';
const IPHONE =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1';

/** Sessions their owners see and end, a Staff Admin ends for a member, and that end when idle. */
describe('sessions', () => {
  let t: TestApp;
  let admin: Agent;
  let clientId: string;

  /** Signs in from a browser (user agent) and address of its own. */
  async function signInFrom(
    email: string,
    password: string,
    userAgent: string,
    ip: string,
    portal = false,
  ): Promise<Agent> {
    const agent = request.agent(t.url).set('User-Agent', userAgent).set('X-Forwarded-For', ip);
    return signInWithSecondFactor(agent, t.config.DATABASE_URL, {
      email,
      password,
      ...(portal ? { portal } : {}),
    });
  }
  const sessionsOf = async (email: string) =>
    t.query<{ last_seen_at: Date; public_id: string }>(
      `select s.last_seen_at, s.public_id from session s
       left join staff_user u on u.id = s.staff_user_id left join contact c on c.id = s.contact_id
       where coalesce(u.email, c.email) = $1 and s.revoked_at is null order by s.created_at`,
      [email],
    );
  const backdate = (email: string, minutes: number) =>
    t.query(
      `update session set last_seen_at = now() - $2 * interval '1 minute'
       where staff_user_id = (select id from staff_user where email = $1)
          or contact_id = (select id from contact where email = $1)`,
      [email, minutes],
    );
  const audited = (action: string, targetId: string) =>
    t.query<{ actor_email: string; summary: string; detail: { sessions: unknown[] } }>(
      'select actor_email, summary, detail from audit_event where action = $1 and target_id = $2',
      [action, targetId],
    );

  beforeAll(async () => {
    t = await startTestApp({ LOGIN_RATE_LIMIT_PER_MINUTE: '1000', SESSION_IDLE_MINUTES: '5' });
    admin = await t.signIn();
    clientId = (await admin.post('/api/clients').send({ companyName: 'Sessions Ltd' }).expect(201))
      .body.id;
  });
  afterAll(() => t.close());

  it('shows staff their sessions, this one marked, and ends one on its next request', async () => {
    const { id } = await staffMember(t, admin, 'roamer');
    const [email, password] = ['roamer@clienthub.test', 'roamer password 123'];
    const laptop = await signInFrom(email, password, FIREFOX, '203.0.113.7');
    const phone = await signInFrom(email, password, IPHONE, '198.51.100.9');

    const listed = (await laptop.get('/api/auth/sessions').expect(200)).body;
    expect(JSON.stringify(listed)).not.toMatch(/hash|token/i);
    // Less the session staffMember() opened from the test's own address.
    const mine = listed.filter((s: { ip: string }) =>
      ['203.0.113.7', '198.51.100.9'].includes(s.ip),
    );
    expect(mine).toEqual([
      expect.objectContaining({
        device: 'Safari 17 on iOS 17.5 (mobile)',
        ip: '198.51.100.9',
        current: false,
      }),
      expect.objectContaining({
        device: 'Firefox 128 on Windows 10 (desktop)',
        ip: '203.0.113.7',
        current: true,
        createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
        lastSeenAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      }),
    ]);
    const phoneSession = mine[0];

    // Another account's session is as unknown as a made-up one.
    const other = await admin.delete(`/api/auth/sessions/${phoneSession.id}`).expect(404);
    expect(other.body.code).toBe('NOT_FOUND');
    const bad = await laptop.delete('/api/auth/sessions/not-a-uuid').expect(400);
    expect(bad.body.details).toEqual([{ field: 'id', message: 'must be a UUID' }]);
    await phone.get('/api/auth/me').expect(200);

    const ended = await laptop.delete(`/api/auth/sessions/${phoneSession.id}`).expect(200);
    expect(ended.body).toMatchObject({ id: phoneSession.id, device: phoneSession.device });
    const next = await phone.get('/api/clients').expect(401);
    expect(next.body.code).toBe('AUTH_UNAUTHENTICATED');
    await laptop.get('/api/clients').expect(200);
    await laptop.delete(`/api/auth/sessions/${phoneSession.id}`).expect(404);

    const [event] = await audited('auth.session_ended', id);
    expect(event.actor_email).toBe(email);
    expect(event.summary).toBe(
      `${email} ended their session on Safari 17 on iOS 17.5 (mobile) from 198.51.100.9`,
    );

    // Ending this very session signs this browser out.
    const current = listed.find((s: { current: boolean }) => s.current);
    const self = await laptop.delete(`/api/auth/sessions/${current.id}`).expect(200);
    expect(String(self.headers['set-cookie'])).toMatch(/ch_session=;/);
    await laptop.get('/api/auth/me').expect(401);
  });

  it('shows a portal contact their sessions and lets them end one', async () => {
    const contact = await portalContact(t, admin, 'wanderer', clientId, 'contact_access');
    const tablet = await signInFrom(
      contact.email,
      'wanderer portal password',
      IPHONE,
      '192.0.2.44',
      true,
    );
    const listed = (await contact.agent.get('/api/auth/sessions').expect(200)).body;
    expect(listed).toHaveLength(2);
    const other = listed.find((s: { current: boolean }) => !s.current);
    expect(other).toMatchObject({ ip: '192.0.2.44', device: 'Safari 17 on iOS 17.5 (mobile)' });
    await contact.agent.delete(`/api/auth/sessions/${other.id}`).expect(200);
    await tablet.get('/api/portal/me').expect(401);
    await contact.agent.get('/api/portal/me').expect(200);
    expect(await audited('auth.session_ended', contact.id)).toHaveLength(1);
  });

  it('lets a Staff Admin sign a member out everywhere, within the roles they may manage', async () => {
    const member = await staffMember(t, admin, 'leaver');
    const [email, password] = ['leaver@clienthub.test', 'leaver password 123'];
    const second = await signInFrom(email, password, FIREFOX, '203.0.113.8');
    const listed = (await admin.get(`/api/staff/${member.id}/sessions`).expect(200)).body;
    expect(listed).toHaveLength(2);
    expect(listed.every((s: { current: boolean }) => !s.current)).toBe(true);

    const plain = await staffMember(t, admin, 'bystander');
    await plain.agent.delete(`/api/staff/${member.id}/sessions`).expect(403);
    await plain.agent.get(`/api/staff/${member.id}/sessions`).expect(403);
    await member.agent.get('/api/auth/me').expect(200);

    const res = await admin.delete(`/api/staff/${member.id}/sessions`).expect(200);
    expect(res.body).toMatchObject({ id: member.id, email });
    expect(res.body.ended).toHaveLength(2);
    await member.agent.get('/api/auth/me').expect(401);
    await second.get('/api/auth/me').expect(401);
    await admin.get('/api/auth/me').expect(200);
    expect((await admin.get(`/api/staff/${member.id}/sessions`).expect(200)).body).toEqual([]);
    const [event] = await audited('staff.sessions_ended', member.id);
    expect(event.actor_email).toBe(TEST_ADMIN.email);
    expect(event.summary).toMatch(
      new RegExp(
        `^Ended every session of ${email}: .*Firefox 128 on Windows 10 \\(desktop\\) from 203\\.0\\.113\\.8`,
      ),
    );
    expect(event.detail.sessions).toHaveLength(2);
    // They sign in again as usual.
    await t.signIn(email, password);

    // A Staff Admin who is not an Entities Admin may not touch an Entities Admin's account.
    const staffAdmin = await staffMember(t, admin, 'keeper', ['staff_admin']);
    const entities = await staffMember(t, admin, 'owner', ['entities_admin']);
    const denied = await staffAdmin.agent.delete(`/api/staff/${entities.id}/sessions`).expect(403);
    expect(denied.body.code).toBe('AUTH_FORBIDDEN');
    await entities.agent.get('/api/auth/me').expect(200);
    await admin.delete(`/api/staff/00000000-0000-4000-8000-000000000000/sessions`).expect(404);
  });

  it('ends a session left unused for SESSION_IDLE_MINUTES', async () => {
    const { id, agent } = await staffMember(t, admin, 'dozer');
    const email = 'dozer@clienthub.test';
    await backdate(email, 4);
    // Used within the timeout: still on, and the use is recorded.
    await agent.get('/api/auth/me').expect(200);
    const [touched] = await sessionsOf(email);
    expect(Date.now() - new Date(touched.last_seen_at).getTime()).toBeLessThan(30_000);

    await backdate(email, 5.1);
    const idle = await agent.get('/api/auth/me').expect(401);
    expect(idle.body.code).toBe('AUTH_UNAUTHENTICATED');
    // Ended for good, and audited once (by the request that found it idle).
    await agent.get('/api/auth/me').expect(401);
    const events = await audited('auth.session_idle_ended', id);
    expect(events).toHaveLength(1);
    expect(events[0].summary).toMatch(
      /^dozer@clienthub\.test's session on Unknown browser from \S+ ended after 5 minutes without use$/,
    );
    // Signing in again opens a fresh session.
    await t.signIn(email, 'dozer password 123');
  });

  it('writes last seen at most once a minute per session, however many requests come', async () => {
    const { agent } = await staffMember(t, admin, 'busy');
    const email = 'busy@clienthub.test';
    await t.query(`create table if not exists last_seen_write (token_hash text, at timestamptz)`);
    await t.query(`
      create or replace function count_last_seen_write() returns trigger language plpgsql as $$
      begin insert into last_seen_write values (new.token_hash, now()); return new; end $$`);
    await t.query(`
      create or replace trigger session_last_seen_write after update of last_seen_at on session
      for each row execute function count_last_seen_write()`);
    const writes = async () =>
      (
        await t.query<{ n: number }>(
          `select count(*)::int as n from last_seen_write w join session s using (token_hash)
           join staff_user u on u.id = s.staff_user_id where u.email = $1`,
          [email],
        )
      )[0].n;

    for (let i = 0; i < 5; i++) await agent.get('/api/auth/me').expect(200);
    expect(await writes()).toBe(0);

    await backdate(email, 2);
    expect(await writes()).toBe(1); // the backdating itself
    await Promise.all(Array.from({ length: 10 }, () => agent.get('/api/clients').expect(200)));
    for (let i = 0; i < 5; i++) await agent.get('/api/auth/me').expect(200);
    expect(await writes()).toBe(2);
  });

  it('validates SESSION_IDLE_MINUTES', () => {
    expect(() => loadConfig({ NODE_ENV: 'test', SESSION_IDLE_MINUTES: '0' })).toThrow(
      /SESSION_IDLE_MINUTES/,
    );
    expect(() => loadConfig({ NODE_ENV: 'test', SESSION_IDLE_MINUTES: 'soon' })).toThrow(
      /SESSION_IDLE_MINUTES/,
    );
    expect(loadConfig({ NODE_ENV: 'test' }).SESSION_IDLE_MINUTES).toBe(30);
  });
});
