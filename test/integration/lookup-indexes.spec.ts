import type { SqlRunner } from '../../server/database/sql-runner';
import { findPasswordResetOwner } from '../../server/modules/account-links/account-links.repository';
import { batchExists } from '../../server/modules/invitations/invitations.repository';
import { findRunningRunIds } from '../../server/modules/playbooks/delivery/playbook-run-workflows.repository';
import { numbered } from '../utils/list-plan';
import { useDatabaseClient } from '../utils/test-database';

/**
 * Lookups that run for every anonymous attempt or on a timer find their row through an index:
 * on a table of a million rows a read of the whole table costs a tenth of a second each time.
 */
describe('lookups by a key read an index, never the table', () => {
  const client = useDatabaseClient();
  /** The plans of the statements a repository function ran, as JSON text. */
  let plans: string[];

  /** Runs nothing: plans each statement (table reads made as costly as PostgreSQL allows). */
  const planner: SqlRunner = async <T>(text: string, params: unknown[] = []) => {
    const { rows } = await client().query(`explain (format json) ${numbered(text)}`, params);
    plans.push(JSON.stringify(rows[0]['QUERY PLAN']));
    return [] as T;
  };

  beforeAll(async () => {
    await client().query('set enable_seqscan = off');
  });
  beforeEach(() => {
    plans = [];
  });

  it('finds a contact who asks for a password link by the email index, whatever its case', async () => {
    await findPasswordResetOwner(planner, 'contact', 'Ada@Example.com');
    expect(plans).toEqual([expect.stringContaining('"Index Name":"contact_email_unique"')]);
  });

  it("checks that a bulk invite exists through its batch's index, done or not", async () => {
    await batchExists(planner, '00000000-0000-0000-0000-000000000001');
    expect(plans).toEqual([expect.stringContaining('"Index Name":"invitation_batch_id_idx"')]);
  });

  it('looks up running playbook runs by key, leaving out workflow memos that hold no id', async () => {
    await findRunningRunIds(planner, ['undefined', '00000000-0000-0000-0000-000000000002']);
    expect(plans).toHaveLength(1);
    expect(plans[0]).toContain(`"Index Cond":"(id = ANY ('{00000000-0000-0000-0000-000000000002}'`);
    expect(plans[0]).not.toContain('Seq Scan');
  });
});
