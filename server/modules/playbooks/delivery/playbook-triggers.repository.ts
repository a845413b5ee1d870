import type { SqlRunner } from '@server/database/sql-runner';

/*
 * Runs are recorded set-based in the transaction of what triggers them; a unique index makes a
 * trigger that fires twice record one run (`on conflict do nothing`). Tag triggers live in the
 * database (triggers on client_tag, see Migration20261122060000); these are the others.
 */

/** A contact accepted their invitation: a run of each such playbook for each of their clients. */
export async function recordAcceptanceRuns(sql: SqlRunner, contactId: string): Promise<number> {
  const rows = await sql<{ id: string }[]>(
    `insert into playbook_run (playbook_id, playbook_name, client_id, trigger_type, occurrence, steps)
     select p.id, p.name, cc.client_id, 'invitation_accepted', 'accepted', p.steps
     from client_contact cc join playbook p on p.trigger_type = 'invitation_accepted' and p.enabled
     where cc.contact_id = ?
     on conflict do nothing
     returning id`,
    [contactId],
  );
  return rows.length;
}

/** A yearly playbook's date: a run for every client (with its tag, if it names one), once a year. */
export async function recordYearlyRuns(
  sql: SqlRunner,
  playbookId: string,
  year: string,
): Promise<number> {
  const rows = await sql<{ id: string }[]>(
    `insert into playbook_run (playbook_id, playbook_name, client_id, trigger_type, occurrence, steps)
     select p.id, p.name, c.id, 'yearly', ?, p.steps
     from playbook p join client c on p.trigger_tag_id is null
       or c.id in (select ct.client_id from client_tag ct where ct.tag_id = p.trigger_tag_id)
     where p.id = ? and p.trigger_type = 'yearly' and p.enabled
     on conflict do nothing
     returning id`,
    [year, playbookId],
  );
  return rows.length;
}

/** Marks a playbook's running runs cancelled (their workflows are signalled after the commit). */
export async function cancelPlaybookRuns(
  sql: SqlRunner,
  playbookId: string,
  reason: string,
): Promise<number> {
  const rows = await sql<{ id: string }[]>(
    `update playbook_run set status = 'cancelled', finished_at = now(), wake_at = null,
       cancel_reason = ? where playbook_id = ? and status = 'running' returning id`,
    [reason, playbookId],
  );
  return rows.length;
}

/**
 * Wraps a `delete from client … returning <alias>.id as id` so that the one statement also
 * returns the live workflows of the deleted clients' runs (the runs go with their client, on
 * delete cascade, so no sweep would find them): one row per deleted client and workflow,
 * `workflow_id` null for a client without one. Stop them after the commit
 * (PlaybookRunWorkflows.stopDeleted).
 */
export const deleteClientsWithRuns = (deleteReturningId: string) =>
  `with gone as (${deleteReturningId})
   select g.id, r.workflow_id, r.temporal_run_id from gone g
   left join playbook_run r on r.client_id = g.id
     and r.workflow_id is not null and r.workflow_ended_at is null`;

/** The workflows to stop, from deleteClientsWithRuns' rows. */
export const runWorkflowsOf = (
  rows: { workflow_id: string | null; temporal_run_id: string | null }[],
): { workflow_id: string; temporal_run_id: string | null }[] =>
  rows.flatMap((r) =>
    r.workflow_id ? [{ workflow_id: r.workflow_id, temporal_run_id: r.temporal_run_id }] : [],
  );
