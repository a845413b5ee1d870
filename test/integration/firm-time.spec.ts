import type { Agent } from 'supertest';
import { clientWithContact } from '../utils/invitations';
import { staffMember } from '../utils/people';
import { startTestApp, type TestApp } from '../utils/test-app';

/** The firm's time zone: a validated setting every staff member reads, used in messages. */
describe('firm time zone', () => {
  let t: TestApp;
  let admin: Agent;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.signIn();
  });
  afterAll(() => t?.close());

  it('is a setting that refuses zones that do not exist, naming the field', async () => {
    expect((await admin.get('/api/settings').expect(200)).body.timeZone).toBe('UTC');
    const bad = await admin.put('/api/settings').send({ timeZone: 'Mars/Olympus' }).expect(400);
    expect(bad.body.message).toBe('timeZone: must be an IANA time zone like America/New_York');
    await admin.put('/api/settings').send({ timeZone: 'America/New_York' }).expect(200);
    // Plain staff cannot open the settings but every console shows dates in the zone.
    const { agent } = await staffMember(t, admin, 'sam');
    await agent.get('/api/settings').expect(403);
    expect((await agent.get('/api/firm').expect(200)).body).toEqual({
      firmName: expect.any(String),
      timeZone: 'America/New_York',
    });
  });

  it('says when a reminder may go again in the firm’s time, not as an ISO string', async () => {
    await admin.put('/api/settings').send({ timeZone: 'America/New_York' }).expect(200);
    const { contactId } = await clientWithContact(admin, {
      firstName: 'Ada',
      lastName: 'Lovelace',
      email: 'ada@example.com',
    });
    const [{ id }] = await t.query<{ id: string }>(
      `insert into invitation (id, contact_id, sender_email, max_reminders,
         reminder_interval_seconds, expiry_seconds, expires_at, workflow_id, last_reminded_at)
       values (gen_random_uuid(), $1, 'invitations@clienthub.test', 3, 86400, 1209600,
         now() + interval '14 days', 'wf-ada', now()) returning id`,
      [contactId],
    );
    const res = await admin.post(`/api/invitations/${id}/remind`).expect(429);
    expect(res.body.message).toMatch(
      /try again after [A-Z][a-z]{2} \d{1,2}, \d{4}, \d{1,2}:\d{2} [AP]M E[SD]T\.$/,
    );
    expect(res.body.message).not.toMatch(/\dZ/);
  });
});
