import type { Agent } from 'supertest';
import { clientWithContact } from './invitations';
import type { TestApp } from './test-app';

/**
 * Five standard clients at each onboarding step (one without email), an offline profile, an
 * invitation due a reminder today and one later, file requests open, overdue and done, and a
 * campaign sending. Returns the clients' and contacts' ids by first name.
 */
export async function seedDashboardFixture(
  t: TestApp,
  admin: Agent,
): Promise<Record<string, string>> {
  const ids: Record<string, string> = {};
  for (const [key, email] of [
    ['ana', 'ana@example.com'],
    ['ben', 'ben@example.com'],
    ['cid', 'cid@example.com'],
    ['dee', 'dee@example.com'],
  ] as const) {
    const { clientId, contactId } = await clientWithContact(admin, {
      firstName: key,
      lastName: 'Tester',
      email,
    });
    ids[key] = clientId;
    ids[`${key}Contact`] = contactId;
  }
  ids.noEmail = (
    await admin.post('/api/clients').send({ companyName: 'No Mail Ltd' }).expect(201)
  ).body.id;
  // Offline profiles are not onboarded: the funnel leaves them out.
  await admin
    .post('/api/clients')
    .send({ type: 'offline', companyName: 'Offline Twin', email: 'ana@example.com' })
    .expect(201);
  const statuses = { ana: 'invited', ben: 'invited', cid: 'accepted', dee: 'bounced' };
  for (const [key, status] of Object.entries(statuses)) {
    await t.query('update client set portal_status = $1 where id = $2', [status, ids[key]]);
  }
  // Ana's reminder is due in a minute, Ben's only in two days.
  for (const [key, due] of [
    ['ana', `now() + interval '1 minute'`],
    ['ben', `now() + interval '2 days'`],
  ]) {
    await t.query(
      `insert into invitation (id, contact_id, sender_email, max_reminders, reminder_interval_seconds,
         expiry_seconds, next_reminder_at, expires_at, workflow_id)
       values (gen_random_uuid(), $1, 'office@firm.test', 3, 86400, 1209600, ${due}, now() + interval '14 days', $2)`,
      [ids[`${key}Contact`], `wf-${key}`],
    );
  }
  for (const [client, status, due] of [
    [ids.ana, 'open', `now() - interval '1 day'`],
    [ids.ana, 'open', `now() + interval '3 days'`],
    [ids.ben, 'open', 'null'],
    [ids.cid, 'completed', `now() - interval '1 day'`],
  ]) {
    await t.query(
      `insert into file_request (client_id, subject, status, due_at, sender_email)
       values ($1, 'Pay stubs', $2, ${due}, 'office@firm.test')`,
      [client, status],
    );
  }
  await t.query(
    `insert into campaign (name, subject, body, sender_email, status) values
     ('Spring', 'Hi', 'Body', 'office@firm.test', 'sending'),
     ('Draft', 'Hi', 'Body', 'office@firm.test', 'draft')`,
  );
  return ids;
}
