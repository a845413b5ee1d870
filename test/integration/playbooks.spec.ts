import type { INestApplicationContext } from '@nestjs/common';
import request, { type Agent } from 'supertest';
import { PlaybookReconciler } from '../../server/modules/playbooks/delivery/playbook-reconciler.service';
import { PlaybookRunWorkflows } from '../../server/modules/playbooks/delivery/playbook-run-workflows.service';
import { TemporalService } from '../../server/temporal/temporal.service';
import { csvOf, person, runImport } from '../utils/imports';
import { clientWithContact, eventually, latestAcceptLink, tokenOf } from '../utils/invitations';
import { staffMember } from '../utils/people';
import { startTestApp, type TestApp } from '../utils/test-app';

interface Run {
  id: string;
  playbookId: string | null;
  clientId: string;
  status: string;
  currentStep: { index: number; type: string } | null;
  cancelReason: string | null;
  error: string | null;
  year: string | null;
  log: { step: number; type: string; outcome: string; detail: string }[];
  workflowId: string | null;
}

/** Playbooks and request templates through the API, with a real worker running the runs. */
describe('playbooks', () => {
  let t: TestApp;
  let admin: Agent;
  let worker: INestApplicationContext;
  let temporal: TemporalService;
  let seq = 0;
  const ids = {} as Record<string, string>;

  const tag = async (name: string) =>
    (await admin.post('/api/tags').send({ name, color: 'blue' }).expect(201)).body.id as string;
  const client = async (name: string, tagIds: string[] = []) => {
    const n = ++seq;
    const created = await clientWithContact(admin, {
      firstName: name,
      lastName: `Client${n}`,
      email: `${name.toLowerCase()}${n}@example.com`,
    });
    if (tagIds.length) await setTags(created.clientId, tagIds);
    return created;
  };
  const setTags = (clientId: string, tagIds: string[]) =>
    admin.put(`/api/clients/${clientId}`).send({ tagIds }).expect(200);
  const playbook = async (body: object) =>
    (await admin.post('/api/playbooks').send(body).expect(201)).body as { id: string };
  const runs = async (playbookId: string, filter: object = {}) =>
    (
      await admin
        .get(`/api/playbooks/${playbookId}/runs`)
        .query({ filter: JSON.stringify(filter) })
        .expect(200)
    ).body as Run[];
  const runOf = async (playbookId: string, clientId: string) =>
    (await runs(playbookId)).filter((r) => r.clientId === clientId);
  /** The client's one run of the playbook, once it satisfies `ready`. */
  const runWhen = (playbookId: string, clientId: string, ready: (r: Run) => boolean) =>
    eventually(`run of ${playbookId} for ${clientId}`, async () => {
      const found = await runOf(playbookId, clientId);
      return found.length === 1 && ready(found[0]) && found[0];
    });
  const workflowState = async (run: Run) =>
    (await temporal.client.workflow.getHandle(run.workflowId!).describe()).status.name;
  const emailsTo = (to: string) =>
    t.query<{ kind: string; subject: string; text_body: string }>(
      `select kind, subject, text_body from email_message where to_email = $1 and kind = 'playbook'
       order by created_at`,
      [to],
    );

  beforeAll(async () => {
    t = await startTestApp({ LOGIN_RATE_LIMIT_PER_MINUTE: '1000' });
    worker = await t.startWorker();
    temporal = t.app.get(TemporalService);
    admin = await t.signIn();
    ids.filed = await tag('extension-filed');
    ids.vip = await tag('vip');
    ids.template = (
      await admin
        .post('/api/request-templates')
        .send({
          name: 'Extension documents',
          subject: 'Documents for your extension',
          message: 'Please upload these.',
          items: [{ title: 'W-2' }, { title: 'Brokerage 1099', description: 'All accounts' }],
          dueInDays: 14,
        })
        .expect(201)
    ).body.id;
  });
  afterAll(async () => {
    await worker?.close();
    await t.close();
  });

  describe('request templates', () => {
    it('are kept with unique names, read by any staff, written by admins', async () => {
      const got = await admin.get(`/api/request-templates/${ids.template}`).expect(200);
      expect(got.body).toMatchObject({
        name: 'Extension documents',
        items: [
          { title: 'W-2', description: null },
          { title: 'Brokerage 1099', description: 'All accounts' },
        ],
        dueInDays: 14,
        usedBy: [],
        createdBy: { name: expect.any(String) },
      });
      const taken = await admin
        .post('/api/request-templates')
        .send({ name: 'EXTENSION documents', subject: 'x' })
        .expect(400);
      expect(taken.body).toMatchObject({ code: 'REQUEST_TEMPLATE_NAME_TAKEN' });
      const bad = await admin
        .post('/api/request-templates')
        .send({ name: 'Bad', subject: ' ', items: [{ title: '' }], dueInDays: 0 })
        .expect(400);
      expect(bad.body.message).toBe(
        'subject: is required; items.0.title: is required; dueInDays: must be at least 1 day',
      );
      // One line, as a file request's: both become an email subject or a list entry.
      const multiLine = await admin
        .post('/api/request-templates')
        .send({ name: 'Lines', subject: 'One\ntwo', items: [{ title: 'W-2\r\nW-3' }] })
        .expect(400);
      expect(multiLine.body.message).toBe(
        'subject: must be a single line; items.0.title: must be a single line',
      );

      // react-admin sends the whole record back.
      const updated = await admin
        .put(`/api/request-templates/${ids.template}`)
        .send({ ...got.body, dueInDays: 10 })
        .expect(200);
      expect(updated.body.dueInDays).toBe(10);

      const plain = await staffMember(t, admin, 'plain');
      const listed = await plain.agent.get('/api/request-templates').expect(200);
      expect(listed.headers['content-range']).toBe('request-templates 0-0/1');
      await plain.agent
        .post('/api/request-templates')
        .send({ name: 'N', subject: 'S' })
        .expect(403);
      await plain.agent.get('/api/playbooks').expect(403);
    });
  });

  it('refuses bad playbooks, naming each field', async () => {
    const base = { name: 'Bad', trigger: { type: 'invitation_accepted' } };
    const cases: [object, string][] = [
      [{ ...base, steps: [] }, 'steps: add at least one step'],
      [
        { ...base, steps: Array.from({ length: 21 }, () => ({ type: 'wait', days: 1 })) },
        'steps: at most 20 steps',
      ],
      [
        { ...base, steps: [{ type: 'send_email', subject: 'Hi {{firstname}}', body: 'x' }] },
        'steps.0.subject: unknown merge field {{firstname}}',
      ],
      [{ ...base, steps: [{ type: 'wait', days: 1.5 }] }, 'steps.0.days: must be a whole number'],
      [
        {
          ...base,
          trigger: { type: 'yearly', month: 2, day: 29 },
          steps: [{ type: 'wait', days: 1 }],
        },
        'trigger.day: is not a day of that month in every year',
      ],
      [{ ...base, steps: [{ type: 'teleport' }] }, 'steps.0.type'],
      [
        { ...base, steps: [{ type: 'send_email', subject: 'Hi\nBcc: x@example.com', body: 'x' }] },
        'steps.0.subject: must be a single line',
      ],
    ];
    for (const [body, message] of cases) {
      const res = await admin.post('/api/playbooks').send(body).expect(400);
      expect(res.body.message).toContain(message);
    }

    const unknownTag = '00000000-0000-4000-8000-000000000001';
    const refs = await admin
      .post('/api/playbooks')
      .send({
        name: 'Refs',
        trigger: { type: 'tag_added', tagId: unknownTag },
        steps: [
          { type: 'wait', days: 1 },
          { type: 'add_tag', tagId: ids.vip },
          { type: 'file_request', templateId: unknownTag },
          { type: 'remove_tag', tagId: unknownTag },
        ],
      })
      .expect(400);
    expect(refs.body).toMatchObject({
      code: 'PLAYBOOK_UNKNOWN_REFERENCES',
      message:
        'steps.2.templateId: no such request template; steps.3.tagId: no such tag; trigger.tagId: no such tag',
    });
    expect(await t.query('select id from playbook')).toEqual([]);
  });

  it('runs on a tag added to a client: email, tag, owner note, file request, then waits', async () => {
    const pb = await playbook({
      name: 'Extension filed',
      trigger: { type: 'tag_added', tagId: ids.filed },
      steps: [
        {
          type: 'send_email',
          subject: 'Your extension, {{firstName}}',
          body: 'Hello **{{fullName}}**, we filed the extension for {{clientName}}.',
        },
        { type: 'add_tag', tagId: ids.vip },
        { type: 'notify_owner', message: 'Extension filed for {{clientName}}.' },
        { type: 'file_request', templateId: ids.template, dueInDays: 7 },
        { type: 'wait', days: 30 },
        { type: 'send_email', subject: 'Reminder', body: 'Still there?' },
      ],
    });
    const ada = await client('Ada');
    await setTags(ada.clientId, [ids.filed]);

    const run = await runWhen(pb.id, ada.clientId, (r) => r.currentStep?.type === 'wait');
    expect(run).toMatchObject({
      status: 'running',
      currentStep: { index: 4, type: 'wait' },
      workflowId: `playbook-run-${pb.id}-${ada.clientId}`,
    });
    expect(run.log.map((l) => `${l.step} ${l.type} ${l.outcome}`)).toEqual([
      '0 send_email done',
      '1 add_tag done',
      '2 notify_owner done',
      '3 file_request done',
      '4 wait waiting',
    ]);

    const [email] = await emailsTo(`ada${seq}@example.com`);
    expect(email.subject).toBe('Your extension, Ada');
    expect(email.text_body).toContain(
      `Hello **Ada Client${seq}**, we filed the extension for Ada Client${seq}.`,
    );
    const [note] = await emailsTo('admin@clienthub.test');
    expect(note.subject).toBe(`Extension filed: Ada Client${seq}`);

    const tags = (await admin.get(`/api/clients/${ada.clientId}`).expect(200)).body.tagIds;
    expect(tags).toEqual(expect.arrayContaining([ids.filed, ids.vip]));
    const [fr] = await t.query<{
      subject: string;
      due_at: Date;
      playbook_step: number;
      items: string[];
    }>(
      `select r.subject, r.due_at, r.playbook_step,
         array(select title from file_request_item i where i.request_id = r.id order by position) as items
       from file_request r where r.playbook_run_id = $1`,
      [run.id],
    );
    expect(fr).toMatchObject({
      subject: 'Documents for your extension',
      playbook_step: 3,
      items: ['W-2', 'Brokerage 1099'],
    });
    expect(new Date(fr.due_at).getTime()).toBeGreaterThan(Date.now() + 6 * 86_400_000);

    const detail = await eventually('the live status', async () => {
      const res = await admin.get(`/api/playbook-runs/${run.id}`).expect(200);
      return res.body.workflow?.status && res.body;
    });
    expect(detail.workflow).toMatchObject({
      id: run.workflowId,
      url: expect.stringContaining(`/workflows/${run.workflowId}`),
      status: { state: 'waiting', stepIndex: 4, stepType: 'wait', stepCount: 6 },
    });
    expect(Date.parse(detail.workflow.status.nextWakeAt)).toBeGreaterThan(
      Date.now() + 29 * 86_400_000,
    );
    expect(detail.steps).toHaveLength(6);
    const described = await temporal.client.workflow.getHandle(run.workflowId!).describe();
    expect(described.searchAttributes.ClientId).toEqual([ada.clientId]);
    // What the playbook did to the client is in the audit trail, as the system's.
    const audited = await t.query<{ action: string; actor_type: string; summary: string }>(
      `select action, actor_type, summary from audit_event where target_id = $1 and client_id = $2
       order by at, id`,
      [run.id, ada.clientId],
    );
    expect(audited.map((a) => [a.action, a.actor_type])).toEqual([
      ['playbook_run.tag_added', 'system'],
      ['playbook_run.owner_notified', 'system'],
      ['playbook_run.file_requested', 'system'],
    ]);
    expect(audited[0].summary).toBe(
      `Playbook "Extension filed" added tag vip (run ${run.id}, step 2)`,
    );
    ids.adaRunPlaybook = pb.id;
    ids.ada = ada.clientId;
  });

  it('does not run twice for a trigger that fires twice', async () => {
    const pb = ids.adaRunPlaybook;
    // The tag is there already: saving it again, or bulk-adding it, adds nothing.
    await setTags(ids.ada, [ids.filed, ids.vip]);
    await admin
      .post('/api/clients/bulk/tags')
      .send({ ids: [ids.ada], add: [ids.filed] })
      .expect(200);
    // A start that is repeated (its record lost) finds the workflow of this run running.
    await t.query('update playbook_run set workflow_started_at = null where client_id = $1', [
      ids.ada,
    ]);
    const other = await client('Other');
    await setTags(other.clientId, [ids.filed]);
    await runWhen(pb, other.clientId, (r) => r.currentStep?.type === 'wait');
    const [run] = await runOf(pb, ids.ada);
    expect(run.status).toBe('running');
    expect((await runOf(pb, ids.ada)).length).toBe(1);
    const executions = [];
    for await (const wf of temporal.client.workflow.list({
      query: `WorkflowId = '${run.workflowId}'`,
    })) {
      executions.push(wf.runId);
    }
    expect(executions).toHaveLength(1);
    const [started] = await t.query<{ workflow_started_at: Date | null }>(
      'select workflow_started_at from playbook_run where id = $1',
      [run.id],
    );
    expect(started.workflow_started_at).not.toBeNull();
    expect((await emailsTo(`ada${seq - 1}@example.com`)).length).toBe(1);
  });

  it('removing the triggering tag cancels the run at once; adding it again starts a new one', async () => {
    const pb = ids.adaRunPlaybook;
    const [before] = await runOf(pb, ids.ada);
    await setTags(ids.ada, [ids.vip]);
    const cancelled = await runWhen(pb, ids.ada, (r) => r.status === 'cancelled');
    expect(cancelled.cancelReason).toBe('The triggering tag was removed from the client');
    await eventually(
      'the workflow ends',
      async () => (await workflowState(before)) === 'COMPLETED',
    );
    expect(await temporal.client.workflow.getHandle(before.workflowId!).result()).toBe('cancelled');

    await setTags(ids.ada, [ids.vip, ids.filed]);
    const again = await eventually('a second run', async () => {
      const all = await runOf(pb, ids.ada);
      return (
        all.length === 2 &&
        all.find((r) => r.status === 'running' && r.currentStep?.type === 'wait')
      );
    });
    expect(again.id).not.toBe(before.id);
    expect(again.workflowId).toBe(before.workflowId);
  });

  it('bulk tags start one run per client and bulk removal cancels them', async () => {
    const pb = await playbook({
      name: 'VIP welcome',
      trigger: { type: 'tag_added', tagId: ids.filed },
      steps: [
        { type: 'wait', days: 10 },
        { type: 'notify_owner', message: 'Ten days.' },
      ],
    });
    const clients = [await client('Bulk'), await client('Bulk'), await client('Bulk')];
    const clientIds = clients.map((c) => c.clientId);
    await admin
      .post('/api/clients/bulk/tags')
      .send({ ids: clientIds, add: [ids.filed] })
      .expect(200);
    for (const id of clientIds) await runWhen(pb.id, id, (r) => r.currentStep?.type === 'wait');
    expect(await runs(pb.id, { status: 'running' })).toHaveLength(3);

    await admin
      .post('/api/clients/bulk/tags')
      .send({ ids: clientIds.slice(0, 2), remove: [ids.filed] })
      .expect(200);
    for (const id of clientIds.slice(0, 2))
      await runWhen(pb.id, id, (r) => r.status === 'cancelled');
    const running = await runs(pb.id, { status: 'running' });
    expect(running.map((r) => r.clientId)).toEqual([clientIds[2]]);
    const listed = await admin.get(`/api/playbooks/${pb.id}`).expect(200);
    expect(listed.body.runCounts).toEqual({ running: 1, completed: 0, cancelled: 2, failed: 0 });
    ids.bulkPlaybook = pb.id;

    // A deleted client takes its runs with it.
    const gone = await client('Gone', [ids.filed]);
    await runWhen(pb.id, gone.clientId, (r) => r.currentStep?.type === 'wait');
    await admin.delete(`/api/clients/${gone.clientId}`).expect(200);
    expect(await runOf(pb.id, gone.clientId)).toEqual([]);
  });

  it('disabling a playbook cancels its runs; while disabled a tag starts nothing', async () => {
    const pb = ids.bulkPlaybook;
    const [run] = await runs(pb, { status: 'running' });
    const disabled = await admin.post(`/api/playbooks/${pb}/disable`).send({}).expect(200);
    expect(disabled.body.enabled).toBe(false);
    const ended = await runWhen(pb, run.clientId, (r) => r.status === 'cancelled');
    expect(ended.cancelReason).toBe('The playbook was disabled');
    await eventually('the workflow ends', async () => (await workflowState(run)) === 'COMPLETED');

    const late = await client('Late');
    await setTags(late.clientId, [ids.filed]);
    await admin.post(`/api/playbooks/${pb}/enable`).send({}).expect(200);
    expect(await runOf(pb, late.clientId)).toEqual([]);
  });

  it('imports that tag clients start runs; many at once through the sync workflow', async () => {
    const pb = await playbook({
      name: 'Imported',
      trigger: { type: 'tag_added', tagId: ids.vip },
      steps: [{ type: 'send_email', subject: 'Welcome {{firstName}}', body: 'Hi' }],
    });
    // More than the API starts by itself: the playbook-run-sync workflow starts them.
    const tagged = Array.from({ length: 30 }, (_, i) => person(900 + i, { Tags: 'VIP' }));
    const job = await runImport(admin, csvOf([...tagged, person(999)]));
    expect(job.created).toBe(31);
    // (Earlier playbooks tagging their clients VIP start runs too: only the imported count here.)
    await eventually('30 completed runs', async () => {
      const [{ n }] = await t.query<{ n: number }>(
        `select count(*)::int as n from playbook_run r join client c on c.id = r.client_id
         where r.playbook_id = $1 and r.status = 'completed' and c.email like 'person9%'`,
        [pb.id],
      );
      return n === 30;
    });
    expect((await emailsTo('person901@example.com')).map((e) => e.subject)).toEqual([
      'Welcome First901',
    ]);
    expect(await emailsTo('person999@example.com')).toEqual([]);
    const sync = await temporal.client.workflow
      .getHandle(`playbook-run-sync-${t.config.TEMPORAL_TASK_QUEUE}`)
      .describe();
    expect(sync.type).toBe('playbookSyncWorkflow');
    await admin.post(`/api/playbooks/${pb.id}/disable`).send({}).expect(200);
  });

  it('a step removing its own trigger tag does not cancel its run', async () => {
    const cleanup = await tag('needs-cleanup');
    const pb = await playbook({
      name: 'Clean up',
      trigger: { type: 'tag_added', tagId: cleanup },
      steps: [{ type: 'remove_tag', tagId: cleanup }],
    });
    const c = await client('Clean', [cleanup]);
    const run = await runWhen(pb.id, c.clientId, (r) => r.status !== 'running');
    expect(run).toMatchObject({
      status: 'completed',
      log: [expect.objectContaining({ outcome: 'done' })],
    });
    expect((await admin.get(`/api/clients/${c.clientId}`).expect(200)).body.tagIds).toEqual([]);
    // The tag is in use: it cannot be deleted from under the playbook.
    const inUse = await admin.delete(`/api/tags/${cleanup}`).expect(409);
    expect(inUse.body).toMatchObject({ code: 'TAG_IN_USE' });
  });

  it('runs for each client of a contact who accepts the invitation', async () => {
    const pb = await playbook({
      name: 'Welcome aboard',
      trigger: { type: 'invitation_accepted' },
      steps: [{ type: 'send_email', subject: 'Welcome, {{firstName}}', body: 'Glad to have you.' }],
    });
    const grace = await client('Grace');
    await admin
      .post('/api/invitations')
      .send({ contactIds: [grace.contactId], senderEmail: 'invitations@clienthub.test' })
      .expect(202);
    const token = tokenOf(await latestAcceptLink(t, grace.contactId));
    await request(t.url)
      .post('/api/portal/invitations/accept')
      .send({ token, password: 'a long and rare passphrase' })
      .expect(200);
    const run = await runWhen(pb.id, grace.clientId, (r) => r.status === 'completed');
    expect(run.log).toEqual([expect.objectContaining({ type: 'send_email', outcome: 'done' })]);
    expect((await emailsTo(`grace${seq}@example.com`)).map((e) => e.subject)).toEqual([
      'Welcome, Grace',
    ]);
  });

  it('yearly: a Temporal Schedule starts one run per tagged client and year', async () => {
    const yearlyTag = await tag('organizer');
    const pb = await playbook({
      name: 'Organizer season',
      trigger: { type: 'yearly', month: 1, day: 15, tagId: yearlyTag },
      steps: [{ type: 'wait', days: 3 }],
    });
    const tagged = await client('Yearly', [yearlyTag]);
    const untagged = await client('Untagged');
    const scheduleId = `playbook-yearly-${t.config.TEMPORAL_TASK_QUEUE}-${pb.id}`;
    const schedule = temporal.client.schedule.getHandle(scheduleId);
    const described = await schedule.describe();
    expect(described.spec.calendars?.[0]).toMatchObject({
      month: [{ start: 'JANUARY', end: 'JANUARY', step: 1 }],
      dayOfMonth: [{ start: 15, end: 15, step: 1 }],
    });
    expect(described.state.paused).toBe(false);

    await schedule.trigger();
    const run = await runWhen(pb.id, tagged.clientId, (r) => r.currentStep?.type === 'wait');
    const year = String(new Date().getUTCFullYear());
    expect(run).toMatchObject({
      year,
      workflowId: `playbook-run-${pb.id}-${tagged.clientId}-${year}`,
    });
    expect(await runOf(pb.id, untagged.clientId)).toEqual([]);
    // A second firing in the same year records nothing new.
    await schedule.trigger();
    await eventually('the second yearly workflow ends', async () => {
      let done = 0;
      for await (const wf of temporal.client.workflow.list({
        query: `WorkflowType = 'playbookYearlyWorkflow' AND ExecutionStatus = 'Completed' AND TaskQueue = '${t.config.TEMPORAL_TASK_QUEUE}'`,
      })) {
        if (wf.workflowId.startsWith(`playbook-yearly-${pb.id}`)) done += 1;
      }
      return done === 2;
    });
    expect(await runs(pb.id)).toHaveLength(1);

    // Deleting the playbook deletes its schedule and cancels its runs, which stay on record.
    await admin.delete(`/api/playbooks/${pb.id}`).expect(200);
    await expect(schedule.describe()).rejects.toThrow();
    const kept = await admin.get(`/api/playbook-runs/${run.id}`).expect(200);
    expect(kept.body).toMatchObject({
      playbookId: null,
      status: 'cancelled',
      cancelReason: 'The playbook was deleted',
    });

    // A disabled yearly playbook keeps its schedule paused.
    const paused = await playbook({
      name: 'Paused season',
      enabled: false,
      trigger: { type: 'yearly', month: 4, day: 15 },
      steps: [{ type: 'wait', days: 1 }],
    });
    const pausedSchedule = temporal.client.schedule.getHandle(
      `playbook-yearly-${t.config.TEMPORAL_TASK_QUEUE}-${paused.id}`,
    );
    expect((await pausedSchedule.describe()).state.paused).toBe(true);
    await admin.post(`/api/playbooks/${paused.id}/enable`).send({}).expect(200);
    expect((await pausedSchedule.describe()).state.paused).toBe(false);
    // No longer yearly: no schedule.
    await admin
      .put(`/api/playbooks/${paused.id}`)
      .send({ trigger: { type: 'invitation_accepted' } })
      .expect(200);
    await expect(pausedSchedule.describe()).rejects.toThrow();
    await admin.delete(`/api/playbooks/${paused.id}`).expect(200);
  });

  it('at start the worker gives a run whose workflow is gone a new one, resuming at its step', async () => {
    const pb = ids.adaRunPlaybook;
    const [run] = await runs(pb, { status: 'running', clientId: ids.ada });
    const status = async () =>
      (await admin.get(`/api/playbook-runs/${run.id}`).expect(200)).body.workflow?.status;
    const before = await eventually('the live status', status);
    await temporal.client.workflow.getHandle(run.workflowId!).terminate('History lost');
    const reconciler = worker.get(PlaybookReconciler);
    await eventually('the lost workflow is seen', async () => {
      const { restarted } = await reconciler.reconcile();
      return restarted === 1;
    });
    const after = await eventually('the new workflow waits', async () => {
      const s = await status();
      return s?.state === 'waiting' && s;
    });
    expect(after).toEqual(before);
    // Nothing ran twice: one email, one request.
    expect((await runOf(pb, ids.ada)).find((r) => r.id === run.id)?.log).toHaveLength(5);
    const requests = await t.query('select id from file_request where playbook_run_id = $1', [
      run.id,
    ]);
    expect(requests).toHaveLength(1);

    // A workflow whose run is gone from the database (its client deleted) is stopped.
    const [other] = (await runs(pb, { status: 'running' })).filter((r) => r.clientId !== ids.ada);
    await t.query('delete from playbook_run where id = $1', [other.id]);
    await eventually('the orphan is stopped', async () => {
      await reconciler.reconcile();
      return (await workflowState(other)) === 'COMPLETED';
    });
  });

  it('deleting a client stops the workflows of its runs, which go with it', async () => {
    const gone = await tag('offboarded');
    const pb = await playbook({
      name: 'Offboarding',
      trigger: { type: 'tag_added', tagId: gone },
      steps: [{ type: 'wait', days: 5 }],
    });
    const leaving = await client('Leaving', [gone]);
    const run = await runWhen(pb.id, leaving.clientId, (r) => r.currentStep?.type === 'wait');
    await eventually('the workflow waits', async () => (await workflowState(run)) === 'RUNNING');
    await admin.delete(`/api/clients/${leaving.clientId}`).expect(200);
    expect(await t.query('select id from playbook_run where id = $1', [run.id])).toEqual([]);
    await eventually('the workflow ends', async () => (await workflowState(run)) === 'COMPLETED');
    expect(await temporal.client.workflow.getHandle(run.workflowId!).result()).toBe('cancelled');
    await admin.delete(`/api/playbooks/${pb.id}`).expect(200);
  });

  it('a run whose workflow cannot start is left for the next sweep; the others start', async () => {
    const pb = await playbook({
      name: 'Sweep test',
      trigger: { type: 'invitation_accepted' },
      steps: [{ type: 'wait', days: 5 }],
    });
    const a = await client('SweepA');
    const b = await client('SweepB');
    // Recorded as a trigger would, with no kick.
    await t.query(
      `insert into playbook_run (playbook_id, playbook_name, client_id, trigger_type, occurrence, steps)
       select p.id, p.name, c.id, 'invitation_accepted', 'accepted', p.steps
       from playbook p cross join unnest($2::uuid[]) c(id) where p.id = $1`,
      [pb.id, [a.clientId, b.clientId]],
    );
    const start = temporal.client.workflow.start.bind(temporal.client.workflow);
    let calls = 0;
    const spy = jest.spyOn(temporal.client.workflow, 'start').mockImplementation((...args) => {
      calls += 1;
      return calls === 1 ? Promise.reject(new Error('Temporal hiccup')) : start(...args);
    });
    try {
      const first = await t.app.get(PlaybookRunWorkflows).sweep();
      expect(first).toMatchObject({ started: 1, left: 1 });
    } finally {
      spy.mockRestore();
    }
    expect(await t.app.get(PlaybookRunWorkflows).sweep()).toMatchObject({ started: 1, left: 0 });
    for (const c of [a, b]) await runWhen(pb.id, c.clientId, (r) => r.workflowId !== null);
    await admin.delete(`/api/playbooks/${pb.id}`).expect(200);
  });

  it("the worker's sweep puts back a yearly playbook's schedule that went missing", async () => {
    const pb = await playbook({
      name: 'Year end',
      trigger: { type: 'yearly', month: 12, day: 1 },
      steps: [{ type: 'wait', days: 1 }],
    });
    const schedule = temporal.client.schedule.getHandle(
      `playbook-yearly-${t.config.TEMPORAL_TASK_QUEUE}-${pb.id}`,
    );
    await schedule.delete();
    await worker.get(PlaybookReconciler).tick();
    expect((await schedule.describe()).state.paused).toBe(false);
    await admin.delete(`/api/playbooks/${pb.id}`).expect(200);
    await expect(schedule.describe()).rejects.toThrow();
  });

  it('cancels one run by hand, and keeps templates in use from being deleted', async () => {
    const pb = ids.adaRunPlaybook;
    const [running] = await runs(pb, { status: 'running' });
    const cancelled = await admin
      .post(`/api/playbook-runs/${running.id}/cancel`)
      .send({})
      .expect(200);
    expect(cancelled.body).toMatchObject({
      status: 'cancelled',
      cancelReason: 'Cancelled by admin@clienthub.test',
    });
    const again = await admin.post(`/api/playbook-runs/${running.id}/cancel`).send({}).expect(409);
    expect(again.body.code).toBe('PLAYBOOK_RUN_ENDED');

    const used = await admin.delete(`/api/request-templates/${ids.template}`).expect(409);
    expect(used.body).toMatchObject({ code: 'REQUEST_TEMPLATE_IN_USE' });
    expect(used.body.message).toContain('"Extension filed"');
    await admin.delete(`/api/playbooks/${pb}`).expect(200);
    await admin.delete(`/api/request-templates/${ids.template}`).expect(200);
  });
});
