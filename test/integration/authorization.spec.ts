import { randomUUID } from 'node:crypto';
import request, { type Agent } from 'supertest';
import { hashPassword } from '../../server/common/auth/password-hasher';
import { csvOf, person } from '../utils/imports';
import { createStaff } from '../utils/people';
import { signInWithSecondFactor } from '../utils/second-factor';
import { startTestApp, type TestApp } from '../utils/test-app';

/**
 * Every route × every kind of caller, with the status each must get. Denials are exact (401 no
 * session, 403 may not, 404 may not know it exists); `ok` means let through: any answer but
 * those (and no 5xx). A route the table does not list fails the test, so a new route cannot
 * land without deciding who may call it. No answer may carry a password or token hash.
 */
const PRINCIPALS = [
  'anonymous',
  'staffAdmin',
  'entitiesAdmin',
  'owner',
  'viewer',
  'noGrant',
  'contactAccess',
  'contactCollaborator',
  'contactOfOther',
  'contactViaGroup',
] as const;
type PrincipalName = (typeof PRINCIPALS)[number];
type Outcome = 'ok' | 401 | 403 | 404 | 503;
type Expectation = Record<PrincipalName, Outcome>;

const SECRET = /\$argon2|password_?hash|token_?hash/i;

const STAFF: PrincipalName[] = ['staffAdmin', 'entitiesAdmin', 'owner', 'viewer', 'noGrant'];
const CONTACTS: PrincipalName[] = [
  'contactAccess',
  'contactCollaborator',
  'contactOfOther',
  'contactViaGroup',
];

function expectation(
  staff: (p: PrincipalName) => Outcome,
  contacts: Outcome,
  anonymous: Outcome = 401,
) {
  return Object.fromEntries(
    PRINCIPALS.map((p) => [
      p,
      p === 'anonymous' ? anonymous : STAFF.includes(p) ? staff(p) : contacts,
    ]),
  ) as Expectation;
}
const everyone = (outcome: Outcome) => expectation(() => outcome, outcome, outcome);
const anySession = expectation(() => 'ok', 'ok');
const anyStaff = expectation(() => 'ok', 403);
const firmRole = (...allowed: PrincipalName[]) =>
  expectation((p) => (allowed.includes(p) ? 'ok' : 403), 403);
const staffAdmins = firmRole('staffAdmin');
const entitiesAdmins = firmRole('entitiesAdmin');
/** On a client: Staff Admins see all, Entities Admins own all, others by grant. */
const clientRead = expectation((p) => (p === 'noGrant' ? 404 : 'ok'), 403);
const clientOwner = expectation(
  (p) => (p === 'noGrant' ? 404 : p === 'entitiesAdmin' || p === 'owner' ? 'ok' : 403),
  403,
);
const portal = expectation(() => 401, 'ok');

interface Call {
  path: string;
  body?: object;
  attach?: { field: string; file: Buffer; name: string };
}

describe('authorization: every route for every caller', () => {
  let t: TestApp;
  let admin: Agent;
  const agents = {} as Record<PrincipalName, Agent>;
  const ids = {} as Record<string, string>;
  const passwords = new Map<PrincipalName, [string, string]>();
  let seq = 0;
  const unique = (what: string) => `${what}-${++seq}-${randomUUID().slice(0, 8)}`;

  async function grant(clientId: string, principalType: string, principalId: string, role: string) {
    await admin
      .post(`/api/clients/${clientId}/access`)
      .send({ principalType, principalId, role })
      .expect(201);
  }

  /** A client shared like client A: owner and viewer staff, the contacts and the group. */
  async function clientLikeA(): Promise<string> {
    const { body } = await admin
      .post('/api/clients')
      .send({ companyName: unique('Client') })
      .expect(201);
    await grant(body.id, 'staff', ids.owner, 'owner');
    await grant(body.id, 'staff', ids.viewer, 'viewer');
    await grant(body.id, 'contact', ids.contactAccess, 'contact_access');
    await grant(body.id, 'contact', ids.contactCollaborator, 'contact_collaborator');
    await grant(body.id, 'contact_group', ids.contactGroup, 'contact_access');
    return body.id;
  }
  const freshTag = async () =>
    (
      await admin
        .post('/api/tags')
        .send({ name: unique('Tag'), color: '#1565c0' })
        .expect(201)
    ).body.id;
  const freshContact = async () =>
    (
      await admin
        .post('/api/contacts')
        .send({ email: `${unique('c')}@example.com` })
        .expect(201)
    ).body.id;
  const freshStaff = async () =>
    (
      await admin
        .post('/api/staff')
        .send({
          email: `${unique('s')}@clienthub.test`,
          firstName: 'F',
          lastName: 'S',
        })
        .expect(201)
    ).body.id;
  const freshGroup = async (kind: 'staff' | 'contact') =>
    (
      await admin
        .post(`/api/${kind}-groups`)
        .send({ name: unique('Group') })
        .expect(201)
    ).body.id;
  const pdf = Buffer.from('%PDF-1.4\n%%EOF\n', 'latin1');
  const freshFile = async (clientId: string) =>
    (await admin.post(`/api/clients/${clientId}/files`).attach('file', pdf, 'f.pdf').expect(201))
      .body.id as string;
  async function freshInvitation(): Promise<string> {
    const contactId = await freshContact();
    await admin
      .post('/api/invitations')
      .send({ contactIds: [contactId], senderEmail: 'invitations@clienthub.test' })
      .expect(202);
    return (await admin.get(`/api/contacts/${contactId}`).expect(200)).body.invitation.id;
  }

  /** A request on client A to its access, collaborator and via-group contacts. */
  async function freshRequest(): Promise<{ id: string; itemId: string }> {
    const { body } = await admin
      .post('/api/file-requests')
      .send({
        clientId: ids.clientA,
        recipientIds: [ids.contactAccess, ids.contactCollaborator, ids.contactViaGroup],
        subject: unique('Request'),
      })
      .expect(201);
    return { id: body.id, itemId: body.items[0].id };
  }

  const freshSegment = async () =>
    (
      await admin
        .post('/api/segments')
        .send({ name: unique('Segment'), filter: { tagIds: [ids.tag] } })
        .expect(201)
    ).body.id as string;
  const freshCampaign = async () =>
    (
      await admin
        .post('/api/campaigns')
        .send({
          name: unique('Campaign'),
          subject: 'Hello {{firstName}}',
          body: 'News',
          senderEmail: 'news@clienthub.test',
          segmentId: ids.segment,
        })
        .expect(201)
    ).body.id as string;
  /** Scheduled as far as the database knows (no workflow: none runs in this test). */
  async function scheduledCampaign(): Promise<string> {
    const id = await freshCampaign();
    await t.query(`update campaign set status = 'scheduled' where id = $1`, [id]);
    return id;
  }

  const freshTemplate = async () =>
    (
      await admin
        .post('/api/request-templates')
        .send({ name: unique('Template'), subject: 'Documents' })
        .expect(201)
    ).body.id as string;
  const freshPlaybook = async () =>
    (
      await admin
        .post('/api/playbooks')
        .send({
          name: unique('Playbook'),
          trigger: { type: 'tag_added', tagId: ids.playbookTag },
          steps: [{ type: 'wait', days: 30 }],
        })
        .expect(201)
    ).body.id as string;
  /** A run recorded by tagging a new client (no worker here: it stays at its start). */
  async function freshRun(): Promise<string> {
    const { body } = await admin
      .post('/api/clients')
      .send({ companyName: unique('Client'), tagIds: [ids.playbookTag] })
      .expect(201);
    const [run] = await t.query<{ id: string }>(
      'select id from playbook_run where client_id = $1 and playbook_id = $2',
      [body.id, ids.playbook],
    );
    return run.id;
  }

  async function staffPrincipal(name: PrincipalName, roles: string[]) {
    const email = `${name.toLowerCase()}@clienthub.test`;
    const password = `${name} password 1234`;
    ids[name] = await createStaff(
      t,
      admin,
      { email, firstName: name, lastName: 'Tester', roles },
      password,
    );
    passwords.set(name, [email, password]);
  }
  async function contactPrincipal(name: PrincipalName) {
    const email = `${name.toLowerCase()}@example.com`;
    const password = `${name} portal password`;
    ids[name] = (
      await admin.post('/api/contacts').send({ email, firstName: name }).expect(201)
    ).body.id;
    await t.query(
      `update contact set portal_status = 'accepted', password_hash = $1 where id = $2`,
      [await hashPassword(password), ids[name]],
    );
    passwords.set(name, [email, password]);
  }
  async function signIn(name: PrincipalName): Promise<Agent> {
    const agent = request.agent(t.url);
    if (name === 'anonymous') return agent;
    const [email, password] = passwords.get(name)!;
    return signInWithSecondFactor(agent, t.config.DATABASE_URL, {
      email,
      password,
      portal: CONTACTS.includes(name) || undefined,
    });
  }

  beforeAll(async () => {
    t = await startTestApp({ LOGIN_RATE_LIMIT_PER_MINUTE: '10000', LOGIN_MAX_FAILURES: '10000' });
    admin = await t.signIn();
    await staffPrincipal('staffAdmin', ['staff_admin']);
    await staffPrincipal('entitiesAdmin', ['entities_admin']);
    for (const name of ['owner', 'viewer', 'noGrant'] as const)
      await staffPrincipal(name, ['staff']);
    for (const name of CONTACTS) await contactPrincipal(name);
    ids.contactGroup = (
      await admin
        .post('/api/contact-groups')
        .send({ name: 'Via group', memberIds: [ids.contactViaGroup] })
        .expect(201)
    ).body.id;
    ids.clientA = await clientLikeA();
    ids.clientB = (
      await admin.post('/api/clients').send({ companyName: 'Other client' }).expect(201)
    ).body.id;
    await grant(ids.clientB, 'contact', ids.contactOfOther, 'contact_access');
    ids.tag = await freshTag();
    // Granted in the sharing checks; not a caller, so no caller's view changes on the way.
    ids.grantee = await freshStaff();
    ids.staffGroup = await freshGroup('staff');
    ids.import = (
      await admin
        .post('/api/imports')
        .attach('file', csvOf([person(1)]), 'clients.csv')
        .expect(202)
    ).body.id;
    ids.invitation = await freshInvitation();
    ids.file = await freshFile(ids.clientA);
    await admin
      .put(`/api/files/${ids.file}/shares`)
      .send({ contactIds: [ids.contactAccess] })
      .expect(200);
    ({ id: ids.fileRequest, itemId: ids.fileRequestItem } = await freshRequest());
    ids.requestTemplate = await freshTemplate();
    ids.playbookTag = await freshTag();
    ids.playbook = await freshPlaybook();
    ids.playbookRun = await freshRun();
    ids.segment = await freshSegment();
    ids.campaign = await freshCampaign();
    ids.email = randomUUID();
    await t.query(
      `insert into email_message (id, kind, idempotency_key, to_email, from_email, subject, status)
       values ($1, 'invitation', $2, 'x@example.com', 'invitations@clienthub.test', 'Hello', 'recorded')`,
      [ids.email, unique('key')],
    );
    ids.auditEvent = (await admin.get('/api/audit-events').expect(200)).body[0].id;
    ids.adminSession = (await admin.get('/api/auth/sessions').expect(200)).body[0].id;
    for (const name of PRINCIPALS) agents[name] = await signIn(name);
  }, 120_000);
  afterAll(() => t.close());

  const table: Record<
    string,
    { who: Expectation; call: () => Promise<Call> | Call; fresh?: boolean }
  > = {
    'POST /api/auth/login': {
      who: everyone(401),
      call: () => ({
        path: '/api/auth/login',
        body: { email: 'nobody@example.com', password: 'wrong' },
      }),
    },
    'POST /api/auth/logout': {
      who: anySession,
      call: () => ({ path: '/api/auth/logout' }),
      fresh: true,
    },
    'GET /api/auth/me': { who: anySession, call: () => ({ path: '/api/auth/me' }) },
    'GET /api/auth/sessions': { who: anySession, call: () => ({ path: '/api/auth/sessions' }) },
    // Another account's session (the first admin's): unknown to every caller.
    'DELETE /api/auth/sessions/:id': {
      who: expectation(() => 404, 404),
      call: () => ({ path: `/api/auth/sessions/${ids.adminSession}` }),
    },
    // An empty body: past the session check, the validation answers.
    'POST /api/auth/password': {
      who: anySession,
      call: () => ({ path: '/api/auth/password', body: {} }),
    },
    'GET /api/auth/mfa': { who: anySession, call: () => ({ path: '/api/auth/mfa' }) },
    // Signed in or halfway through a sign-in (a challenge cookie); with neither, 401. Staff are
    // enrolled here (409 to enrol again); contacts may enrol. The code '000000' is wrong.
    'POST /api/auth/mfa/enrolment': {
      who: anySession,
      call: () => ({ path: '/api/auth/mfa/enrolment' }),
    },
    'POST /api/auth/mfa/enrolment/confirm': {
      who: anySession,
      call: () => ({ path: '/api/auth/mfa/enrolment/confirm', body: { code: '000000' } }),
    },
    // Only for a sign-in halfway: a session alone is not a challenge.
    'POST /api/auth/mfa/verify': {
      who: everyone(401),
      call: () => ({ path: '/api/auth/mfa/verify', body: { code: '000000' } }),
    },
    'POST /api/auth/mfa/remove': {
      who: anySession,
      call: () => ({ path: '/api/auth/mfa/remove', body: { code: '000000' } }),
    },
    'POST /api/auth/mfa/recovery-codes': {
      who: anySession,
      call: () => ({ path: '/api/auth/mfa/recovery-codes', body: { code: '000000' } }),
    },
    // Public, and the same answer for every address (a fresh one per call: each has a limit).
    'POST /api/auth/password-reset': {
      who: everyone('ok'),
      call: () => ({ path: '/api/auth/password-reset', body: { email: `${unique('r')}@x.test` } }),
    },
    // Public; an unknown link is the same 404 for everyone.
    'GET /api/auth/account-links/preview': {
      who: everyone(404),
      call: () => ({ path: '/api/auth/account-links/preview?token=unknown' }),
    },
    'POST /api/auth/account-links/use': {
      who: everyone(404),
      call: () => ({
        path: '/api/auth/account-links/use',
        body: { token: 'unknown', password: 'a sound new password' },
      }),
    },
    // Public; no worker runs in this test, so it reports itself degraded to everyone alike.
    'GET /api/health': { who: everyone(503), call: () => ({ path: '/api/health' }) },
    'GET /api/tags': { who: anyStaff, call: () => ({ path: '/api/tags' }) },
    'GET /api/tags/palette': { who: anyStaff, call: () => ({ path: '/api/tags/palette' }) },
    'GET /api/tags/:id': { who: anyStaff, call: () => ({ path: `/api/tags/${ids.tag}` }) },
    'POST /api/tags': {
      who: entitiesAdmins,
      call: () => ({ path: '/api/tags', body: { name: unique('Tag'), color: '#1565c0' } }),
    },
    'PUT /api/tags/:id': {
      who: entitiesAdmins,
      call: async () => ({ path: `/api/tags/${await freshTag()}`, body: { name: unique('Tag') } }),
    },
    'DELETE /api/tags/:id': {
      who: entitiesAdmins,
      call: async () => ({ path: `/api/tags/${await freshTag()}` }),
    },
    'GET /api/clients': { who: anyStaff, call: () => ({ path: '/api/clients' }) },
    'POST /api/clients/bulk/tags': {
      who: entitiesAdmins,
      call: () => ({
        path: '/api/clients/bulk/tags',
        body: { ids: [ids.clientA], add: [ids.tag] },
      }),
    },
    'GET /api/clients/:id': {
      who: clientRead,
      call: () => ({ path: `/api/clients/${ids.clientA}` }),
    },
    'POST /api/clients': {
      who: entitiesAdmins,
      call: () => ({ path: '/api/clients', body: { companyName: unique('Client') } }),
    },
    'PUT /api/clients/:id': {
      who: clientOwner,
      call: async () => ({ path: `/api/clients/${await clientLikeA()}`, body: { city: 'Paris' } }),
    },
    'DELETE /api/clients/:id': {
      who: clientOwner,
      call: async () => ({ path: `/api/clients/${await clientLikeA()}` }),
    },
    'GET /api/clients/:id/access': {
      who: clientRead,
      call: () => ({ path: `/api/clients/${ids.clientA}/access` }),
    },
    'POST /api/clients/:id/access': {
      who: clientOwner,
      call: async () => ({
        path: `/api/clients/${await clientLikeA()}/access`,
        body: { principalType: 'staff', principalId: ids.grantee, role: 'viewer' },
      }),
    },
    'DELETE /api/clients/:id/access/:grantId': {
      who: clientOwner,
      call: async () => ({
        path: `/api/clients/${await clientLikeA()}/access/staff:${ids.viewer}`,
      }),
    },
    'GET /api/staff': { who: anyStaff, call: () => ({ path: '/api/staff' }) },
    'GET /api/staff/:id': { who: anyStaff, call: () => ({ path: `/api/staff/${ids.owner}` }) },
    'POST /api/staff': {
      who: staffAdmins,
      call: () => ({
        path: '/api/staff',
        body: {
          email: `${unique('s')}@clienthub.test`,
          firstName: 'N',
          lastName: 'S',
        },
      }),
    },
    'PUT /api/staff/:id': {
      who: staffAdmins,
      call: async () => ({
        path: `/api/staff/${await freshStaff()}`,
        body: { firstName: 'Renamed' },
      }),
    },
    'GET /api/staff/:id/sessions': {
      who: staffAdmins,
      call: () => ({ path: `/api/staff/${ids.owner}/sessions` }),
    },
    'DELETE /api/staff/:id/sessions': {
      who: staffAdmins,
      call: async () => ({ path: `/api/staff/${await freshStaff()}/sessions` }),
    },
    'DELETE /api/staff/:id': {
      who: staffAdmins,
      call: async () => ({ path: `/api/staff/${await freshStaff()}` }),
    },
    'GET /api/imports/template.csv': {
      who: anyStaff,
      call: () => ({ path: '/api/imports/template.csv' }),
    },
    'GET /api/imports/template.xlsx': {
      who: anyStaff,
      call: () => ({ path: '/api/imports/template.xlsx' }),
    },
    'GET /api/imports': { who: entitiesAdmins, call: () => ({ path: '/api/imports' }) },
    'POST /api/imports': {
      who: entitiesAdmins,
      call: () => ({
        path: '/api/imports',
        attach: { field: 'file', file: csvOf([person(2)]), name: 'c.csv' },
      }),
    },
    'GET /api/imports/:id': {
      who: entitiesAdmins,
      call: () => ({ path: `/api/imports/${ids.import}` }),
    },
    'GET /api/imports/:id/rows': {
      who: entitiesAdmins,
      call: () => ({ path: `/api/imports/${ids.import}/rows` }),
    },
    'GET /api/imports/:id/exceptions.xlsx': {
      who: entitiesAdmins,
      call: () => ({ path: `/api/imports/${ids.import}/exceptions.xlsx` }),
    },
    'GET /api/imports/:id/exceptions.csv': {
      who: entitiesAdmins,
      call: () => ({ path: `/api/imports/${ids.import}/exceptions.csv` }),
    },
    'GET /api/imports/:id/report.xlsx': {
      who: entitiesAdmins,
      call: () => ({ path: `/api/imports/${ids.import}/report.xlsx` }),
    },
    'GET /api/imports/:id/report.csv': {
      who: entitiesAdmins,
      call: () => ({ path: `/api/imports/${ids.import}/report.csv` }),
    },
    // Not a dry run: allowed callers get a 409, the others a 403 before that.
    'POST /api/imports/:id/import-for-real': {
      who: entitiesAdmins,
      call: () => ({ path: `/api/imports/${ids.import}/import-for-real` }),
    },
    'POST /api/imports/:id/cancel': {
      who: entitiesAdmins,
      call: () => ({ path: `/api/imports/${ids.import}/cancel` }),
    },
    'POST /api/imports/:id/undo': {
      who: entitiesAdmins,
      call: () => ({ path: `/api/imports/${ids.import}/undo` }),
    },
    // Plain staff see the contacts of the clients shared with them.
    'GET /api/contacts': { who: anyStaff, call: () => ({ path: '/api/contacts' }) },
    'GET /api/contacts/:id': {
      who: clientRead,
      call: () => ({ path: `/api/contacts/${ids.contactAccess}` }),
    },
    'GET /api/contacts/:id/timeline': {
      who: clientRead,
      call: () => ({ path: `/api/contacts/${ids.contactAccess}/timeline` }),
    },
    'POST /api/contacts': {
      who: staffAdmins,
      call: () => ({ path: '/api/contacts', body: { email: `${unique('c')}@example.com` } }),
    },
    'PUT /api/contacts/:id': {
      who: staffAdmins,
      call: async () => ({
        path: `/api/contacts/${await freshContact()}`,
        body: { firstName: 'Renamed' },
      }),
    },
    'DELETE /api/contacts/:id': {
      who: staffAdmins,
      call: async () => ({ path: `/api/contacts/${await freshContact()}` }),
    },
    'POST /api/staff/:id/mfa/reset': {
      who: staffAdmins,
      call: () => ({ path: `/api/staff/${ids.grantee}/mfa/reset` }),
    },
    'POST /api/contacts/:id/mfa/reset': {
      who: staffAdmins,
      call: async () => ({ path: `/api/contacts/${await freshContact()}/mfa/reset` }),
    },
    'GET /api/settings': { who: staffAdmins, call: () => ({ path: '/api/settings' }) },
    'GET /api/firm': { who: anyStaff, call: () => ({ path: '/api/firm' }) },
    'GET /api/dashboard': { who: anyStaff, call: () => ({ path: '/api/dashboard' }) },
    'GET /api/settings/firm': { who: staffAdmins, call: () => ({ path: '/api/settings/firm' }) },
    'PUT /api/settings': {
      who: staffAdmins,
      call: () => ({ path: '/api/settings', body: { maxReminders: 3 } }),
    },
    'PUT /api/settings/firm': {
      who: staffAdmins,
      call: () => ({ path: '/api/settings/firm', body: { maxReminders: 3 } }),
    },
    'POST /api/invitations': {
      who: staffAdmins,
      call: async () => ({
        path: '/api/invitations',
        body: { contactIds: [await freshContact()], senderEmail: 'invitations@clienthub.test' },
      }),
    },
    'GET /api/invitations': { who: staffAdmins, call: () => ({ path: '/api/invitations' }) },
    'GET /api/invitations/:id': {
      who: staffAdmins,
      call: () => ({ path: `/api/invitations/${ids.invitation}` }),
    },
    'POST /api/invitations/:id/remind': {
      who: staffAdmins,
      call: async () => ({ path: `/api/invitations/${await freshInvitation()}/remind` }),
    },
    'POST /api/invitations/:id/resend': {
      who: staffAdmins,
      call: async () => ({ path: `/api/invitations/${await freshInvitation()}/resend` }),
    },
    // A bulk invite nobody made: past the role check a Staff Admin gets its 404.
    'GET /api/invitations/batches/:batchId': {
      who: expectation((p) => (p === 'staffAdmin' ? 404 : 403), 403),
      call: () => ({ path: `/api/invitations/batches/${randomUUID()}` }),
    },
    'POST /api/invitations/batches/:batchId/cancel': {
      who: expectation((p) => (p === 'staffAdmin' ? 404 : 403), 403),
      call: () => ({ path: `/api/invitations/batches/${randomUUID()}/cancel` }),
    },
    'POST /api/invitations/:id/revoke': {
      who: staffAdmins,
      call: async () => ({ path: `/api/invitations/${await freshInvitation()}/revoke` }),
    },
    // Public; an unknown token is the same 404 for everyone.
    'GET /api/portal/invitations/preview': {
      who: everyone(404),
      call: () => ({ path: '/api/portal/invitations/preview?token=unknown' }),
    },
    'POST /api/portal/invitations/accept': {
      who: everyone(404),
      call: () => ({
        path: '/api/portal/invitations/accept',
        body: { token: 'unknown', password: 'a sound new password' },
      }),
    },
    'GET /api/portal/me': { who: portal, call: () => ({ path: '/api/portal/me' }) },
    'GET /api/portal/clients/:id': {
      who: { ...portal, contactOfOther: 404 },
      call: () => ({ path: `/api/portal/clients/${ids.clientA}` }),
    },
    'GET /api/outbox': { who: staffAdmins, call: () => ({ path: '/api/outbox' }) },
    'GET /api/outbox/:id': { who: staffAdmins, call: () => ({ path: `/api/outbox/${ids.email}` }) },
    // Signed, not signed in: without RESEND_WEBHOOK_SECRET every delivery is refused.
    'POST /api/webhooks/resend': {
      who: everyone(401),
      call: () => ({ path: '/api/webhooks/resend', body: { type: 'email.delivered', data: {} } }),
    },
    'GET /api/audit-events': { who: staffAdmins, call: () => ({ path: '/api/audit-events' }) },
    'GET /api/audit-events/export.csv': {
      who: staffAdmins,
      call: () => ({ path: '/api/audit-events/export.csv' }),
    },
    'GET /api/audit-events/:id': {
      who: staffAdmins,
      call: () => ({ path: `/api/audit-events/${ids.auditEvent}` }),
    },
    'GET /api/clients/:clientId/files': {
      who: clientRead,
      call: () => ({ path: `/api/clients/${ids.clientA}/files` }),
    },
    'POST /api/clients/:clientId/files': {
      who: clientOwner,
      call: async () => ({
        path: `/api/clients/${await clientLikeA()}/files`,
        attach: { field: 'file', file: pdf, name: 'new.pdf' },
      }),
    },
    'GET /api/files/:id': { who: clientRead, call: () => ({ path: `/api/files/${ids.file}` }) },
    'GET /api/files/:id/download': {
      who: clientRead,
      call: () => ({ path: `/api/files/${ids.file}/download` }),
    },
    'PUT /api/files/:id/shares': {
      who: clientOwner,
      call: async () => ({
        path: `/api/files/${await freshFile(await clientLikeA())}/shares`,
        body: { contactIds: [] },
      }),
    },
    'DELETE /api/files/:id': {
      who: clientOwner,
      call: async () => ({ path: `/api/files/${await freshFile(await clientLikeA())}` }),
    },
    'GET /api/portal/clients/:clientId/files': {
      who: { ...portal, contactOfOther: 404 },
      call: () => ({ path: `/api/portal/clients/${ids.clientA}/files` }),
    },
    // Collaborators add files; access-only contacts may not; others do not know the client.
    'POST /api/portal/clients/:clientId/files': {
      who: { ...portal, contactAccess: 403, contactViaGroup: 403, contactOfOther: 404 },
      call: () => ({
        path: `/api/portal/clients/${ids.clientA}/files`,
        attach: { field: 'file', file: pdf, name: 'mine.pdf' },
      }),
    },
    // Shared with the access contact only: everyone else is told it does not exist.
    'GET /api/portal/files/:id/download': {
      who: { ...portal, contactCollaborator: 404, contactOfOther: 404, contactViaGroup: 404 },
      call: () => ({ path: `/api/portal/files/${ids.file}/download` }),
    },
    'GET /api/file-requests': { who: anyStaff, call: () => ({ path: '/api/file-requests' }) },
    // Viewers ask for files too.
    'POST /api/file-requests': {
      who: clientRead,
      call: () => ({
        path: '/api/file-requests',
        body: { clientId: ids.clientA, recipientIds: [ids.contactAccess], subject: 'Receipts' },
      }),
    },
    'GET /api/file-requests/recipients': {
      who: clientRead,
      call: () => ({ path: `/api/file-requests/recipients?clientId=${ids.clientA}` }),
    },
    'GET /api/file-requests/:id': {
      who: clientRead,
      call: () => ({ path: `/api/file-requests/${ids.fileRequest}` }),
    },
    'POST /api/file-requests/:id/items/:itemId/accept': {
      who: clientRead,
      call: () => ({
        path: `/api/file-requests/${ids.fileRequest}/items/${ids.fileRequestItem}/accept`,
        body: {},
      }),
    },
    'POST /api/file-requests/:id/items/:itemId/reject': {
      who: clientRead,
      call: () => ({
        path: `/api/file-requests/${ids.fileRequest}/items/${ids.fileRequestItem}/reject`,
        body: { reason: 'Blurry' },
      }),
    },
    'POST /api/file-requests/:id/remind': {
      who: clientRead,
      call: () => ({ path: `/api/file-requests/${ids.fileRequest}/remind`, body: {} }),
    },
    'POST /api/file-requests/:id/cancel': {
      who: clientRead,
      call: async () => ({
        path: `/api/file-requests/${(await freshRequest()).id}/cancel`,
        body: {},
      }),
    },
    'GET /api/portal/file-requests': {
      who: portal,
      call: () => ({ path: '/api/portal/file-requests' }),
    },
    // Its recipients answer it, whatever their role; no one else knows it.
    'GET /api/portal/file-requests/:id': {
      who: { ...portal, contactOfOther: 404 },
      call: () => ({ path: `/api/portal/file-requests/${ids.fileRequest}` }),
    },
    'POST /api/portal/file-requests/:id/items/:itemId/upload': {
      who: { ...portal, contactOfOther: 404 },
      call: () => ({
        path: `/api/portal/file-requests/${ids.fileRequest}/items/${ids.fileRequestItem}/upload`,
        attach: { field: 'file', file: pdf, name: 'answer.pdf' },
      }),
    },
    'POST /api/portal/file-requests/:id/items/:itemId/not-applicable': {
      who: { ...portal, contactOfOther: 404 },
      call: () => ({
        path: `/api/portal/file-requests/${ids.fileRequest}/items/${ids.fileRequestItem}/not-applicable`,
        body: { comment: 'We have none' },
      }),
    },
    'GET /api/segments': { who: staffAdmins, call: () => ({ path: '/api/segments' }) },
    'POST /api/segments': {
      who: staffAdmins,
      call: () => ({ path: '/api/segments', body: { name: unique('Segment'), filter: {} } }),
    },
    'POST /api/segments/preview': {
      who: staffAdmins,
      call: () => ({ path: '/api/segments/preview', body: { filter: { tagIds: [ids.tag] } } }),
    },
    'GET /api/segments/:id': {
      who: staffAdmins,
      call: () => ({ path: `/api/segments/${ids.segment}` }),
    },
    'PUT /api/segments/:id': {
      who: staffAdmins,
      call: async () => ({
        path: `/api/segments/${await freshSegment()}`,
        body: { name: unique('S') },
      }),
    },
    'DELETE /api/segments/:id': {
      who: staffAdmins,
      call: async () => ({ path: `/api/segments/${await freshSegment()}` }),
    },
    'GET /api/segments/:id/preview': {
      who: staffAdmins,
      call: () => ({ path: `/api/segments/${ids.segment}/preview` }),
    },
    'GET /api/campaigns': { who: staffAdmins, call: () => ({ path: '/api/campaigns' }) },
    'POST /api/campaigns': {
      who: staffAdmins,
      call: () => ({
        path: '/api/campaigns',
        body: {
          name: unique('Campaign'),
          subject: 'Hi',
          body: 'News',
          senderEmail: 'news@clienthub.test',
          segmentId: ids.segment,
        },
      }),
    },
    'POST /api/campaigns/preview': {
      who: staffAdmins,
      call: () => ({ path: '/api/campaigns/preview', body: { subject: 'Hi', body: 'News' } }),
    },
    'GET /api/campaigns/:id': {
      who: staffAdmins,
      call: () => ({ path: `/api/campaigns/${ids.campaign}` }),
    },
    'PUT /api/campaigns/:id': {
      who: staffAdmins,
      call: async () => ({ path: `/api/campaigns/${await freshCampaign()}`, body: { name: 'X' } }),
    },
    'DELETE /api/campaigns/:id': {
      who: staffAdmins,
      call: async () => ({ path: `/api/campaigns/${await freshCampaign()}` }),
    },
    'GET /api/campaigns/:id/audience': {
      who: staffAdmins,
      call: () => ({ path: `/api/campaigns/${ids.campaign}/audience` }),
    },
    'GET /api/campaigns/:id/recipients': {
      who: staffAdmins,
      call: () => ({ path: `/api/campaigns/${ids.campaign}/recipients` }),
    },
    'POST /api/campaigns/:id/test': {
      who: staffAdmins,
      call: () => ({ path: `/api/campaigns/${ids.campaign}/test` }),
    },
    'POST /api/campaigns/:id/send': {
      who: staffAdmins,
      call: async () => ({ path: `/api/campaigns/${await freshCampaign()}/send`, body: {} }),
    },
    'POST /api/campaigns/:id/cancel': {
      who: staffAdmins,
      call: async () => ({ path: `/api/campaigns/${await scheduledCampaign()}/cancel` }),
    },
    // Public: the token is the key; an unknown one is the same 404 for everyone.
    'GET /api/unsubscribe/:token': {
      who: everyone(404),
      call: () => ({ path: `/api/unsubscribe/${'x'.repeat(43)}` }),
    },
    'POST /api/unsubscribe/:token': {
      who: everyone(404),
      call: () => ({ path: `/api/unsubscribe/${'x'.repeat(43)}` }),
    },
    'GET /api/request-templates': {
      who: anyStaff,
      call: () => ({ path: '/api/request-templates' }),
    },
    'GET /api/request-templates/:id': {
      who: anyStaff,
      call: () => ({ path: `/api/request-templates/${ids.requestTemplate}` }),
    },
    // Staff Admins and Entities Admins keep the templates.
    'POST /api/request-templates': {
      who: firmRole('staffAdmin', 'entitiesAdmin'),
      call: () => ({
        path: '/api/request-templates',
        body: { name: unique('Template'), subject: 'Documents' },
      }),
    },
    'PUT /api/request-templates/:id': {
      who: firmRole('staffAdmin', 'entitiesAdmin'),
      call: async () => ({
        path: `/api/request-templates/${await freshTemplate()}`,
        body: { subject: 'Changed' },
      }),
    },
    'DELETE /api/request-templates/:id': {
      who: firmRole('staffAdmin', 'entitiesAdmin'),
      call: async () => ({ path: `/api/request-templates/${await freshTemplate()}` }),
    },
    // Playbooks act on every client by themselves: Staff Admins only, reading included.
    'GET /api/playbooks': { who: staffAdmins, call: () => ({ path: '/api/playbooks' }) },
    'GET /api/playbooks/:id': {
      who: staffAdmins,
      call: () => ({ path: `/api/playbooks/${ids.playbook}` }),
    },
    'POST /api/playbooks': {
      who: staffAdmins,
      call: () => ({
        path: '/api/playbooks',
        body: {
          name: unique('Playbook'),
          trigger: { type: 'invitation_accepted' },
          steps: [{ type: 'wait', days: 1 }],
        },
      }),
    },
    'PUT /api/playbooks/:id': {
      who: staffAdmins,
      call: async () => ({
        path: `/api/playbooks/${await freshPlaybook()}`,
        body: { name: unique('Renamed') },
      }),
    },
    'DELETE /api/playbooks/:id': {
      who: staffAdmins,
      call: async () => ({ path: `/api/playbooks/${await freshPlaybook()}` }),
    },
    'POST /api/playbooks/:id/enable': {
      who: staffAdmins,
      call: () => ({ path: `/api/playbooks/${ids.playbook}/enable`, body: {} }),
    },
    'POST /api/playbooks/:id/disable': {
      who: staffAdmins,
      call: async () => ({ path: `/api/playbooks/${await freshPlaybook()}/disable`, body: {} }),
    },
    'GET /api/playbooks/:id/runs': {
      who: staffAdmins,
      call: () => ({ path: `/api/playbooks/${ids.playbook}/runs` }),
    },
    'GET /api/playbook-runs': { who: staffAdmins, call: () => ({ path: '/api/playbook-runs' }) },
    'GET /api/playbook-runs/:id': {
      who: staffAdmins,
      call: () => ({ path: `/api/playbook-runs/${ids.playbookRun}` }),
    },
    'POST /api/playbook-runs/:id/cancel': {
      who: staffAdmins,
      call: async () => ({ path: `/api/playbook-runs/${await freshRun()}/cancel`, body: {} }),
    },
    ...groupRoutes('staff'),
    ...groupRoutes('contact'),
  };

  function groupRoutes(kind: 'staff' | 'contact') {
    const base = `/api/${kind}-groups`;
    return {
      [`GET ${base}`]: { who: anyStaff, call: () => ({ path: base }) },
      [`GET ${base}/:id`]: {
        who: anyStaff,
        call: () => ({ path: `${base}/${kind === 'staff' ? ids.staffGroup : ids.contactGroup}` }),
      },
      [`POST ${base}`]: {
        who: entitiesAdmins,
        call: () => ({ path: base, body: { name: unique('Group') } }),
      },
      [`PUT ${base}/:id`]: {
        who: entitiesAdmins,
        call: async () => ({
          path: `${base}/${await freshGroup(kind)}`,
          body: { description: 'Changed' },
        }),
      },
      [`DELETE ${base}/:id`]: {
        who: entitiesAdmins,
        call: async () => ({ path: `${base}/${await freshGroup(kind)}` }),
      },
    };
  }

  it('has an entry for every API route, and no entry for a route that does not exist', () => {
    const router = t.app.getHttpAdapter().getInstance().router as {
      stack: { route?: { path: string; methods: Record<string, boolean> } }[];
    };
    const routes = router.stack
      .filter(
        (layer) => typeof layer.route?.path === 'string' && layer.route.path.startsWith('/api/'),
      )
      // Not the API docs, nor the middleware catch-alls (`/api/{*path}`) of logging and the like.
      .filter((layer) => !/^\/api\/docs|\{\*/.test(layer.route!.path))
      .flatMap((layer) =>
        Object.keys(layer.route!.methods).map((m) => `${m.toUpperCase()} ${layer.route!.path}`),
      );
    expect(routes.length).toBeGreaterThan(60);
    expect([...routes].sort()).toEqual(Object.keys(table).sort());
  });

  // The table's rows for Staff Admins, seen from the records: viewer of every client, owner of none.
  it('gives Staff Admins viewer on every client, and more only through a grant', async () => {
    const staffAdmin = agents.staffAdmin;
    const filter = (f: object) => ({ filter: JSON.stringify(f) });
    const listed = await staffAdmin
      .get('/api/clients')
      .query(filter({ id: [ids.clientA, ids.clientB] }))
      .expect(200);
    expect(listed.body.map((c: { id: string }) => c.id).sort()).toEqual(
      [ids.clientA, ids.clientB].sort(),
    );
    const shown = await staffAdmin.get(`/api/clients/${ids.clientB}`).expect(200);
    expect(shown.body.myRole).toBe('viewer');
    const contacts = await staffAdmin
      .get('/api/contacts')
      .query(filter({ clientId: ids.clientB }))
      .expect(200);
    expect(contacts.body.map((c: { id: string }) => c.id)).toEqual([ids.contactOfOther]);
    await staffAdmin.get(`/api/clients/${ids.clientB}/files`).expect(200);
    const access = await staffAdmin.get(`/api/clients/${ids.clientB}/access`).expect(200);
    expect(access.body.map((g: { id: string }) => g.id)).toEqual([`contact:${ids.contactOfOther}`]);
    await staffAdmin.put(`/api/clients/${ids.clientB}`).send({ city: 'Oslo' }).expect(403);
    await staffAdmin
      .post(`/api/clients/${ids.clientB}/access`)
      .send({ principalType: 'staff', principalId: ids.grantee, role: 'viewer' })
      .expect(403);

    // Owner by grant (on a client of its own, so the table's callers keep their view).
    const owned = await clientLikeA();
    await grant(owned, 'staff', ids.staffAdmin, 'owner');
    expect((await staffAdmin.get(`/api/clients/${owned}`).expect(200)).body.myRole).toBe('owner');
    await staffAdmin.put(`/api/clients/${owned}`).send({ city: 'Oslo' }).expect(200);
    await staffAdmin
      .post(`/api/clients/${owned}/access`)
      .send({ principalType: 'staff', principalId: ids.grantee, role: 'viewer' })
      .expect(201);
  });

  /**
   * Who may give which firm role (rows: the caller; columns: the role given). A Staff Admin gives
   * only roles they hold, and changes no account holding one they lack: Entities Admin comes
   * only from a Staff Admin who is an Entities Admin too. Other callers manage no staff at all.
   */
  const FIRM_ROLE_GRANTS: Record<
    string,
    Record<'staff' | 'staff_admin' | 'entities_admin', 201 | 403>
  > = {
    firstAdmin: { staff: 201, staff_admin: 201, entities_admin: 201 },
    staffAdmin: { staff: 201, staff_admin: 201, entities_admin: 403 },
    entitiesAdmin: { staff: 403, staff_admin: 403, entities_admin: 403 },
    owner: { staff: 403, staff_admin: 403, entities_admin: 403 },
  };
  it.each(Object.keys(FIRM_ROLE_GRANTS))(
    'lets %s give only the firm roles the grant matrix says',
    async (caller) => {
      const agent = caller === 'firstAdmin' ? admin : agents[caller as PrincipalName];
      const wrong: string[] = [];
      for (const [role, want] of Object.entries(FIRM_ROLE_GRANTS[caller])) {
        const created = await agent.post('/api/staff').send({
          email: `${unique('r')}@clienthub.test`,
          firstName: 'R',
          lastName: 'Ole',
          roles: [role],
        });
        const promoted = await agent
          .put(`/api/staff/${await freshStaff()}`)
          .send({ roles: [role] });
        for (const [how, res] of [
          ['create', created],
          ['promote', promoted],
        ] as const) {
          if (res.status !== (how === 'promote' && want === 201 ? 200 : want)) {
            wrong.push(`${how} ${role}: got ${res.status}`);
          }
        }
      }
      expect(wrong).toEqual([]);
    },
  );

  it('keeps a Staff Admin from making themselves Entities Admin or taking over an Entities Admin', async () => {
    const denied = await agents.staffAdmin
      .put(`/api/staff/${ids.staffAdmin}`)
      .send({ roles: ['staff_admin', 'entities_admin'] })
      .expect(403);
    expect(denied.body.code).toBe('AUTH_FORBIDDEN');
    for (const change of [{ firstName: 'Mallory' }, { active: false }, { roles: ['staff'] }]) {
      await agents.staffAdmin.put(`/api/staff/${ids.entitiesAdmin}`).send(change).expect(403);
    }
    await agents.staffAdmin.delete(`/api/staff/${ids.entitiesAdmin}`).expect(403);
    const roles = await t.query<{ id: string; roles: string[] }>(
      'select id, roles from staff_user where id = any($1)',
      [[ids.staffAdmin, ids.entitiesAdmin]],
    );
    expect(Object.fromEntries(roles.map((r) => [r.id, [...r.roles].sort()]))).toEqual({
      [ids.staffAdmin]: ['staff', 'staff_admin'],
      [ids.entitiesAdmin]: ['entities_admin', 'staff'],
    });
  });

  /**
   * Hostile input, sent to every route of the table that reads text: a NUL character in each
   * string of its body and query (PostgreSQL text cannot hold one), in a list filter and in an
   * uploaded file's name, and a body in an unknown charset or a broken gzip stream. Each is a
   * 400 naming the field, never a 500. The caller is one the route lets through (anonymous for
   * public ones).
   */
  const SIGNED_BEFORE_READ = new Set(['POST /api/webhooks/resend']);
  function stringLeaves(value: unknown, path: string[] = []): string[][] {
    if (typeof value === 'string') return [path];
    if (!value || typeof value !== 'object') return [];
    return Object.entries(value).flatMap(([k, v]) => stringLeaves(v, [...path, k]));
  }
  function withNul<T>(value: T, path: string[]): T {
    const copy = structuredClone(value) as Record<string, unknown>;
    const parent = path.slice(0, -1).reduce((o, k) => o[k] as Record<string, unknown>, copy);
    parent[path.at(-1)!] = `${String(parent[path.at(-1)!])}\u0000`;
    return copy as T;
  }

  it.each(Object.keys(table).filter((r) => !SIGNED_BEFORE_READ.has(r) && !table[r].fresh))(
    'answers hostile input to %s with a 400 naming the field',
    async (route) => {
      const entry = table[route];
      const method = route.split(' ')[0].toLowerCase() as 'get' | 'post' | 'put' | 'delete';
      const caller = PRINCIPALS.find((p) => entry.who[p] === 'ok') ?? 'anonymous';
      const agent = agents[caller];
      const clean = await entry.call();
      const search = clean.path.split('?')[1] ?? '';
      const query = Object.fromEntries(new URLSearchParams(search));
      const isList =
        method === 'get' && Boolean((await agent.get(clean.path)).headers['content-range']);

      const variants: { field: string; send: (call: Call) => request.Test }[] = [
        ...Object.keys(query).map((key) => ({
          field: key,
          send: (call: Call) =>
            agent[method](call.path.split('?')[0]).query({
              ...query,
              [key]: `${query[key]}\u0000`,
            }),
        })),
        ...(isList
          ? [
              {
                field: 'filter.q',
                send: (call: Call) =>
                  agent.get(call.path).query({ filter: JSON.stringify({ q: 'a\u0000' }) }),
              },
            ]
          : []),
        ...(clean.attach
          ? [
              {
                field: 'file',
                send: (call: Call) =>
                  agent[method](call.path).attach(
                    call.attach!.field,
                    call.attach!.file,
                    `a\u0000${call.attach!.name}`,
                  ),
              },
            ]
          : []),
        ...stringLeaves(clean.body).map((path) => ({
          field: path.join('.'),
          send: (call: Call) => agent[method](call.path).send(withNul(call.body, path)),
        })),
        ...(clean.body
          ? [
              {
                field: 'Content-Type',
                send: (call: Call) =>
                  agent[method](call.path)
                    .set('Content-Type', 'application/json; charset=x-no-such-charset')
                    .send(JSON.stringify(call.body)),
              },
              {
                field: 'request body',
                send: (call: Call) =>
                  agent[method](call.path)
                    .set('Content-Type', 'application/json')
                    .set('Content-Encoding', 'gzip')
                    .send(Buffer.from('this is not a gzip stream')),
              },
            ]
          : []),
      ];
      const wrong: string[] = [];
      for (const variant of variants) {
        const res = await variant.send(await entry.call());
        const named = (res.body?.details ?? []).some(
          (d: { field: string }) => d.field === variant.field,
        );
        if (res.status !== 400 || !named) {
          wrong.push(`${variant.field}: got ${res.status} ${JSON.stringify(res.body)}`);
        }
      }
      expect(wrong).toEqual([]);
    },
  );

  it.each(Object.keys(table))('%s', async (route) => {
    const entry = table[route];
    const method = route.split(' ')[0].toLowerCase() as 'get' | 'post' | 'put' | 'delete';
    const wrong: string[] = [];
    for (const principal of PRINCIPALS) {
      const call = await entry.call();
      const agent = entry.fresh ? await signIn(principal) : agents[principal];
      let req = agent[method](call.path);
      if (call.attach) req = req.attach(call.attach.field, call.attach.file, call.attach.name);
      else if (call.body) req = req.send(call.body);
      const res = await req;
      const want = entry.who[principal];
      const fine =
        want === 'ok'
          ? ![401, 403, 404].includes(res.status) && res.status < 500
          : res.status === want;
      if (!fine) wrong.push(`${principal}: got ${res.status}, want ${want}`);
      // No answer ever carries a password or token hash, whoever asks.
      if (SECRET.test(JSON.stringify(res.body ?? '') + (res.text ?? ''))) {
        wrong.push(`${principal}: the answer contains a password or token hash`);
      }
    }
    expect(wrong).toEqual([]);
  });
});
