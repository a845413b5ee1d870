import request, { type Agent } from 'supertest';
import { InvitationMailerService } from '../../server/modules/invitations/delivery/invitation-mailer.service';
import { TemporalService } from '../../server/temporal/temporal.service';
import {
  clientWithContact,
  eventually,
  invitedContact,
  latestAcceptLink,
  tokenOf,
} from '../utils/invitations';
import { portalContact } from '../utils/people';
import { startTestApp, type TestApp } from '../utils/test-app';
import type { INestApplicationContext } from '@nestjs/common';

interface Email {
  kind: string;
  subject: string;
  text_body: string;
  links: { label: string; url: string }[];
  invitation_id: string | null;
  bulk: boolean;
}

/**
 * A file request to contacts without portal access: its one email invites them (one link sets
 * a password and opens the request), through the invitation machinery, with its reminders.
 * Real API, database, Temporal and worker; emails stop in the local Outbox.
 */
describe('file requests to contacts without portal access', () => {
  let t: TestApp;
  let admin: Agent;
  let worker: INestApplicationContext;

  const emailsTo = (contactId: string) =>
    t.query<Email>(
      `select kind, subject, text_body, links, invitation_id, bulk from email_message
       where contact_id = $1 order by created_at`,
      [contactId],
    );
  const invitationsOf = (contactId: string) =>
    t.query<{ id: string; status: string; file_request_id: string | null }>(
      'select id, status, file_request_id from invitation where contact_id = $1 order by created_at',
      [contactId],
    );
  const ask = (clientId: string, recipientIds: string[], subject = 'Tax documents') =>
    admin.post('/api/file-requests').send({ clientId, recipientIds, subject });
  const workflowOf = (contactId: string) =>
    t.app
      .get(TemporalService)
      .client.workflow.getHandle(`portal-invitation-${contactId}`)
      .describe();

  beforeAll(async () => {
    t = await startTestApp({ LOGIN_RATE_LIMIT_PER_MINUTE: '1000' });
    worker = await t.startWorker();
    admin = await t.signIn();
  });
  afterAll(() => t.close());

  it('invites a contact who was never invited in the request email itself: one link sets a password and opens the request', async () => {
    const { clientId, contactId } = await clientWithContact(admin, {
      firstName: 'Nora',
      lastName: 'New',
      email: 'nora@example.com',
    });
    const created = await ask(clientId, [contactId]).expect(201);
    const id = created.body.id as string;

    // Recorded with the request: the contact is invited, by an invitation that names it.
    const [invitation] = await invitationsOf(contactId);
    expect(invitation).toMatchObject({ status: 'pending', file_request_id: id });
    const [{ portal_status }] = await t.query<{ portal_status: string }>(
      'select portal_status from contact where id = $1',
      [contactId],
    );
    expect(portal_status).toBe('invited');

    const [email] = await eventually('the request email', async () => {
      const rows = await emailsTo(contactId);
      return rows.length ? rows : undefined;
    });
    expect(email).toMatchObject({
      kind: 'file_request',
      invitation_id: invitation.id,
      bulk: false,
    });
    // One link: the invitation's, landing on the request.
    expect(email.links).toHaveLength(1);
    const link = new URL(email.links[0].url);
    expect(link.pathname).toBe('/portal/accept');
    expect(link.searchParams.get('next')).toBe(`/portal/requests/${id}`);
    expect(email.text_body).toContain('has set up a secure client portal for you');
    expect(email.text_body).not.toContain('use the invitation');
    expect(email.text_body).not.toContain(`${t.url}/portal/requests/${id}`);

    // Its reminders as usual: the invitation's workflow runs, and no second (invitation) email.
    await eventually('invitation workflow', async () => {
      const run = await workflowOf(contactId);
      return run.status.name === 'RUNNING' && run.memo?.invitationId === invitation.id;
    });
    expect((await emailsTo(contactId)).map((e) => e.kind)).toEqual(['file_request']);
    const events = await t.query<{ kind: string; detail: string }>(
      'select kind, detail from invitation_event where invitation_id = $1',
      [invitation.id],
    );
    expect(events).toEqual([
      { kind: 'invited', detail: expect.stringContaining('Sent with the file request') },
    ]);
    const timeline = (await admin.get(`/api/file-requests/${id}`).expect(200)).body.events;
    expect(timeline.map((e: { detail: string }) => e.detail)).toContain(
      'Invited to the portal with this request: nora@example.com',
    );

    // The link sets a password and signs in; the request is theirs to answer.
    const portal = request.agent(t.url);
    await portal
      .post('/api/portal/invitations/accept')
      .send({ token: link.searchParams.get('token'), password: 'nora portal password 1' })
      .expect(200);
    const seen = await portal.get(`/api/portal/file-requests/${id}`).expect(200);
    expect(seen.body.subject).toBe('Tax documents');
    // Single use, as every invitation link.
    await request(t.url)
      .post('/api/portal/invitations/accept')
      .send({ token: link.searchParams.get('token'), password: 'another password 22' })
      .expect(410);
    await admin.post(`/api/file-requests/${id}/cancel`).send({}).expect(201);
  });

  it('sends a contact with a pending invitation a working link to it, and invites no one twice', async () => {
    const { clientId, contactId } = await invitedContact(
      admin,
      { firstName: 'Paul', lastName: 'Pending', email: 'paul@example.com' },
      'invitations@clienthub.test',
    );
    const earlier = await latestAcceptLink(t, contactId);
    const created = await ask(clientId, [contactId], 'Receipts').expect(201);
    const id = created.body.id as string;
    const emails = await eventually('the request email', async () => {
      const rows = await emailsTo(contactId);
      return rows.length === 2 ? rows : undefined;
    });
    const [invitation, ...more] = await invitationsOf(contactId);
    expect(more).toEqual([]);
    expect(invitation.file_request_id).toBeNull();
    const requestEmail = emails.find((e) => e.kind === 'file_request')!;
    expect(requestEmail.invitation_id).toBe(invitation.id);
    expect(requestEmail.links).toHaveLength(1);
    expect(requestEmail.text_body).toContain('Your secure client portal');
    const link = requestEmail.links[0].url;
    expect(new URL(link).searchParams.get('next')).toBe(`/portal/requests/${id}`);
    // Both links open the same invitation: the one from the invitation email still works.
    for (const token of [tokenOf(earlier), tokenOf(link)]) {
      await request(t.url).get('/api/portal/invitations/preview').query({ token }).expect(200);
    }
    await admin.post(`/api/file-requests/${id}/cancel`).send({}).expect(201);
  });

  it('mentions the waiting request in the invitation reminders, whose link lands on it', async () => {
    const { clientId, contactId } = await clientWithContact(admin, {
      firstName: 'Rita',
      lastName: 'Reminded',
      email: 'rita@example.com',
    });
    const id = (await ask(clientId, [contactId], 'Bank statements').expect(201)).body.id;
    await eventually('the request email', async () => (await emailsTo(contactId)).length === 1);
    const [invitation] = await invitationsOf(contactId);
    const reminder = {
      invitationId: invitation.id,
      kind: 'reminder' as const,
      step: 1,
      remindersSent: 1,
      nextReminderAt: null,
      expiresAt: new Date(Date.now() + 86_400_000).toISOString(),
    };
    const mailer = worker.get(InvitationMailerService);
    await mailer.queue([reminder], 'test-run');
    const [, sent] = await emailsTo(contactId);
    expect(sent.kind).toBe('reminder');
    expect(sent.text_body).toContain('also waiting for documents from you');
    expect(new URL(sent.links[0].url).searchParams.get('next')).toBe(`/portal/requests/${id}`);

    // Once the request no longer waits for them, reminders are plain invitations again.
    await admin.post(`/api/file-requests/${id}/cancel`).send({}).expect(201);
    await mailer.queue([{ ...reminder, step: 2 }], 'test-run');
    const [, , plain] = await emailsTo(contactId);
    expect(plain.text_body).not.toContain('waiting for documents');
    expect(new URL(plain.links[0].url).searchParams.get('next')).toBeNull();
  });

  it('shows the dialog each contact’s portal status, and refuses an address that cannot be emailed, naming it', async () => {
    const { clientId, contactId: fresh } = await clientWithContact(admin, {
      firstName: 'Olga',
      lastName: 'Offline',
      email: 'olga@example.com',
    });
    const member = await portalContact(t, admin, 'uma', clientId, 'contact_access');
    const bounced = (
      await admin
        .post('/api/contacts')
        .send({ email: 'gone@example.com', firstName: 'Gone', clientIds: [clientId] })
        .expect(201)
    ).body.id as string;
    await t.query(`insert into email_suppression (email, reason) values ($1, 'bounced')`, [
      'gone@example.com',
    ]);
    const options = await admin
      .get('/api/file-requests/recipients')
      .query({ clientId })
      .expect(200);
    const access = Object.fromEntries(
      options.body.map((o: { id: string; access: string }) => [o.id, o.access]),
    );
    expect(access).toEqual({ [fresh]: 'invite', [member.id]: 'portal', [bounced]: 'unreachable' });
    const bad = await admin.get('/api/file-requests/recipients').query({ clientId: 'x' });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toMatch(/clientId/);

    const refused = await ask(clientId, [fresh, bounced]).expect(400);
    expect(refused.body.message).toBe(
      'recipientIds: gone@example.com cannot be emailed (the address bounced or marked our email as spam)',
    );
    // Nothing half-written: no request, and the other recipient is not invited either.
    expect(await t.query('select id from file_request where client_id = $1', [clientId])).toEqual(
      [],
    );
    expect(await invitationsOf(fresh)).toEqual([]);
  });
});
