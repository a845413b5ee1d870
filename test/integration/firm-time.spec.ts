import type { Agent } from 'supertest';
import { clientWithContact, eventually } from '../utils/invitations';
import { portalContact, staffMember } from '../utils/people';
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

  it('ends a due day at the firm’s midnight and reminds at 9 in the morning there', async () => {
    await t.startWorker();
    await admin
      .put('/api/settings')
      .send({
        timeZone: 'Asia/Tokyo',
        sendingDomains: ['clienthub.test'],
        defaultSender: 'requests@clienthub.test',
        requestReminderDaysBefore: [3],
      })
      .expect(200);
    const clientId = (
      await admin.post('/api/clients').send({ companyName: 'Kyoto KK' }).expect(201)
    ).body.id;
    const ken = await portalContact(t, admin, 'ken', clientId, 'contact_access');
    const { body } = await admin
      .post('/api/file-requests')
      .send({ clientId, recipientIds: [ken.id], subject: 'Receipts', dueAt: '2030-06-01' })
      .expect(201);
    // Midnight in Tokyo (UTC+9), not in Greenwich.
    expect(body.dueAt).toBe('2030-06-01T14:59:59.999Z');
    const [event] = await t.query<{ detail: string }>(
      `select detail from file_request_event where request_id = $1 and kind = 'created'`,
      [body.id],
    );
    expect(event.detail).toContain('due 2030-06-01');
    // Three days before, at 9:00 in Tokyo (00:00 UTC): not at the due day's last second.
    const next = await eventually('the workflow’s schedule', async () => {
      const res = await admin.get(`/api/file-requests/${body.id}`).expect(200);
      return res.body.workflow.status?.nextReminderAt as string | undefined;
    });
    expect(next).toBe('2030-05-29T00:00:00.000Z');
  });

  it('counts the reminders due today in the firm’s day, not the UTC day', async () => {
    const zone = 'Pacific/Kiritimati'; // UTC+14: its day is never the UTC day for long
    await admin.put('/api/settings').send({ timeZone: zone }).expect(200);
    const tomorrow = new Date(
      `${new Intl.DateTimeFormat('en-CA', { timeZone: zone }).format(Date.now() + 86_400_000)}T00:00:00+14:00`,
    ).getTime();
    for (const [name, at] of [
      ['Tonight', tomorrow - 60_000],
      ['Tomorrow', tomorrow + 60_000],
    ] as const) {
      const { contactId } = await clientWithContact(admin, {
        firstName: name,
        lastName: 'Due',
        email: `${name.toLowerCase()}@example.com`,
      });
      await t.query(
        `insert into invitation (id, contact_id, sender_email, max_reminders,
           reminder_interval_seconds, expiry_seconds, expires_at, workflow_id, next_reminder_at)
         values (gen_random_uuid(), $1, 'invitations@clienthub.test', 3, 86400, 1209600,
           now() + interval '14 days', $2, $3)`,
        [contactId, `wf-${name}`, new Date(at).toISOString()],
      );
    }
    const { body } = await admin.get('/api/dashboard').expect(200);
    expect(body.remindersDueToday).toBe(1);
    const listed = await admin
      .get('/api/clients')
      .query({ filter: JSON.stringify({ reminderDueToday: true }) })
      .expect(200);
    expect(listed.body.map((c: { displayName: string }) => c.displayName)).toEqual(['Tonight Due']);
  });
});
