import { randomUUID } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import type { Agent } from 'supertest';
import { startResendStandIn, type ResendStandIn } from '../../scripts/lib/resend-stand-in';
import { waitFor } from '../../scripts/lib/wait-for';
import { startTestApp, type TestApp } from './test-app';

export const WEBHOOK_SECRET = `whsec_${Buffer.from('client-hub-test-webhook-secret').toString('base64')}`;

/** Polls until `check` gives a value (errors count as not yet). */
export const eventually = <T>(
  what: string,
  check: () => Promise<T | undefined | false>,
  timeoutMs = 20_000,
) => waitFor(check, { what, timeoutMs, intervalMs: 100 });

/** The API sending through the stand-in at `perSecond`, `batch` emails a request; no worker. */
const appSendingTo = (resend: ResendStandIn, perSecond: number, batch: number) =>
  startTestApp({
    RESEND_API_KEY: resend.apiKey,
    RESEND_BASE_URL: resend.url,
    RESEND_REQUESTS_PER_SECOND: String(perSecond),
    EMAIL_BATCH_SIZE: String(batch),
  });

/**
 * For a test file: the Resend stand-in answering after `answerDelayMs` and an app sending
 * through it with `workers` workers, started before its tests and closed after them.
 */
export function useAppSendingTo(options: {
  perSecond: number;
  batch: number;
  answerDelayMs: number;
  workers: number;
}): { resend: ResendStandIn; t: TestApp } {
  const { perSecond, batch, answerDelayMs, workers } = options;
  const fixture = {} as { resend: ResendStandIn; t: TestApp };
  beforeAll(async () => {
    fixture.resend = await startResendStandIn({ requestsPerSecond: perSecond, answerDelayMs });
    fixture.t = await appSendingTo(fixture.resend, perSecond, batch);
    for (let i = 0; i < workers; i++) await fixture.t.startWorker();
  });
  afterAll(async () => {
    await fixture.t.close();
    await fixture.resend.close();
  });
  return fixture;
}

/** The API and two workers sending through the stand-in at `perSecond`, `batch` emails a request. */
export async function twoWorkersSendingTo(
  resend: ResendStandIn,
  perSecond: number,
  batch: number,
): Promise<TestApp> {
  const t = await appSendingTo(resend, perSecond, batch);
  await t.startWorker();
  await t.startWorker();
  return t;
}

/** `n` contacts straight in the database (`<prefix><i>@example.com`), for volume; their ids. */
export async function seedContacts(t: TestApp, prefix: string, n: number): Promise<string[]> {
  const rows = await t.query<{ id: string }>(
    `insert into contact (id, email, first_name, last_name)
     select gen_random_uuid(), $1 || g || '@example.com', 'First' || g, 'Last' || g
     from generate_series(1, $2) g returning id`,
    [prefix, n],
  );
  return rows.map((r) => r.id);
}

/** Creates a client with a primary contact (the client's email). */
export async function clientWithContact(
  admin: Agent,
  fields: { firstName: string; lastName: string; email: string; taxClientId?: string },
): Promise<{ clientId: string; contactId: string }> {
  const client = await admin.post('/api/clients').send(fields).expect(201);
  const contact = await admin
    .post('/api/contacts')
    .send({
      email: fields.email,
      firstName: fields.firstName,
      lastName: fields.lastName,
      clientIds: [client.body.id],
    })
    .expect(201);
  return { clientId: client.body.id, contactId: contact.body.id };
}

/** A client with a primary contact and its offline profile (same name and Tax Client ID). */
export async function clientWithOfflineTwin(
  admin: Agent,
  fields: { firstName: string; lastName: string; email: string; taxClientId: string },
): Promise<{ clientId: string; contactId: string; twinId: string }> {
  const standard = await clientWithContact(admin, fields);
  const { firstName, lastName, taxClientId } = fields;
  const twin = await admin
    .post('/api/clients')
    .send({ type: 'offline', firstName, lastName, taxClientId })
    .expect(201);
  return { ...standard, twinId: twin.body.id };
}

/** A client with a primary contact, invited from `sender`. */
export async function invitedContact(
  admin: Agent,
  fields: { firstName: string; lastName: string; email: string },
  sender: string,
): Promise<{ clientId: string; contactId: string }> {
  const created = await clientWithContact(admin, fields);
  await admin
    .post('/api/invitations')
    .send({ contactIds: [created.contactId], senderEmail: sender })
    .expect(202);
  return created;
}

/** The accept link of the newest email recorded for a contact (local outbox mode). */
export async function latestAcceptLink(t: TestApp, contactId: string, count = 1): Promise<string> {
  return eventually(`email ${count} for contact ${contactId}`, async () => {
    const rows = await t.query<{ links: { url: string }[] }>(
      `select links from email_message where contact_id = $1 order by created_at desc`,
      [contactId],
    );
    return rows.length >= count ? rows[0].links[0]?.url : undefined;
  });
}

export const tokenOf = (link: string) => new URL(link).searchParams.get('token')!;

/** A Resend webhook delivery signed the Svix way, as Resend sends it. */
export function signedWebhook(payload: object, secret = WEBHOOK_SECRET) {
  const id = `msg_${randomUUID()}`;
  const body = JSON.stringify(payload);
  const at = new Date();
  return {
    body,
    headers: {
      'content-type': 'application/json',
      'svix-id': id,
      'svix-timestamp': String(Math.floor(at.getTime() / 1000)),
      'svix-signature': new Webhook(secret).sign(id, at, body),
    },
  };
}
