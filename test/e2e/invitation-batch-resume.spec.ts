import { InvitationWorkflowsService } from '../../server/modules/invitations/invitation-workflows.service';
import { eventually, seedContacts } from '../utils/invitations';
import { startTestApp, type TestApp } from '../utils/test-app';

const CONTACTS = 120;
/** The start that fails once, well into the page (as one timing out under load did). */
const FAILING_START = 90;

/**
 * A bulk invite's page of workflow starts through the real worker and Temporal, with one start
 * failing once: the page's activity is retried and carries on after the starts that got through,
 * instead of starting the whole page again, and the progress still counts every contact once.
 */
describe('a bulk invite page retried after one start failed', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
    await t.startWorker();
  });
  afterAll(async () => {
    await t.close();
    jest.restoreAllMocks();
  });

  it('starts each contact workflow once, the failed one again', async () => {
    const contacts = await seedContacts(t, 'paged', CONTACTS);
    const calls = new Map<string, number>();
    let failed: string | undefined;
    const start = InvitationWorkflowsService.prototype.start;
    jest.spyOn(InvitationWorkflowsService.prototype, 'start').mockImplementation(async function (
      this: InvitationWorkflowsService,
      invitation,
      bulk,
    ) {
      const contactId = invitation.contact_id;
      calls.set(contactId, (calls.get(contactId) ?? 0) + 1);
      if (!failed && calls.size === FAILING_START) {
        failed = contactId;
        throw new Error('Deadline exceeded');
      }
      return start.call(this, invitation, bulk);
    });

    const admin = await t.signIn();
    const invited = await admin
      .post('/api/invitations')
      .send({ contactIds: contacts, senderEmail: 'invitations@clienthub.test' })
      .expect(202);
    const progress = await eventually(
      'the bulk invite done',
      async () => {
        const res = await admin.get(`/api/invitations/batches/${invited.body.batchId}`);
        return res.body.progress?.state === 'done' && res.body.progress;
      },
      60_000,
    );

    expect(failed).toBeDefined();
    expect(calls.size).toBe(CONTACTS);
    expect([...calls].filter(([, n]) => n > 1)).toEqual([[failed, 2]]);
    expect(progress).toMatchObject({ total: CONTACTS, emailsQueued: CONTACTS });
    expect(progress.workflowsStarted).toBe(CONTACTS);
    const [{ n }] = await t.query<{ n: number }>(
      `select count(*)::int as n from invitation where batch_id = $1 and batch_action is null`,
      [invited.body.batchId],
    );
    expect(n).toBe(CONTACTS);
  });
});
