import type { Agent } from 'supertest';
import { invitationListSpec } from '../../server/modules/invitations/invitation-list.repository';
import type { InvitationFilter } from '../../server/modules/invitations/invitations.schemas';
import { explainPage, planOf, SORT_NODE } from '../utils/list-plan';
import { startTestApp, type TestApp } from '../utils/test-app';

const CONTACTS = 24_000;
const WALK = { form: 'walk', estimated: null, exactTotal: true } as const;
/** The oldest sixth of the invitations expired; 1 in 6 of the others is pending, 1 in 97 revoked. */
const EXPIRED_AFTER = 20_000;

type Sort = ['createdAt' | 'expiresAt', 'ASC' | 'DESC'];
const COLUMN = { createdAt: 'created_at', expiresAt: 'expires_at' };

/** The invitation list on a table large enough to be planned from a sample. */
describe('the invitation list at volume', () => {
  let t: TestApp;
  let admin: Agent;

  const listed = (filter: Record<string, unknown>, sort: Sort, range: [number, number]) =>
    admin
      .get('/api/invitations')
      .query({
        filter: JSON.stringify(filter),
        sort: JSON.stringify(sort),
        range: JSON.stringify(range),
      })
      .expect(200);

  /** The same page from a full sort. */
  const sorted = async (status: string | null, [field, order]: Sort, [start, end]: number[]) =>
    (
      await t.query<{ id: string }>(
        `select id from invitation where $1::text is null or status = $1
         order by ${COLUMN[field]} ${order}, id ${order} offset $2 limit $3`,
        [status, start, end - start + 1],
      )
    ).map((r) => r.id);

  beforeAll(async () => {
    // Exact totals are counted whatever it takes (list-budget.spec tests the budget).
    t = await startTestApp({ LIST_BUDGET_MS: '7000' });
    admin = await t.signIn();
    await t.query(
      `insert into contact (id, email) select gen_random_uuid(), 'person' || i || '@example.test'
       from generate_series(1, $1) i`,
      [CONTACTS],
    );
    // One invitation each, an hour apart going back from now, valid for two weeks.
    await t.query(
      `insert into invitation (id, contact_id, sender_email, status, max_reminders,
         reminder_interval_seconds, expiry_seconds, expires_at, workflow_id, created_at)
       select gen_random_uuid(), id, 'firm@example.test',
         case when n > $1 then 'expired' when n % 6 = 0 then 'pending'
              when n % 97 = 0 then 'revoked' else 'accepted' end,
         3, 86400, 1209600, at + interval '14 days', 'invitation-' || id, at
       from (select id, n, now() - n * interval '1 hour' as at
             from (select id, row_number() over (order by id) as n from contact) c) c`,
      [EXPIRED_AFTER],
    );
    await t.query('analyze contact, invitation');
  });
  afterAll(() => t.close());

  it.each<[string, string | null, Sort, [number, number]]>([
    ['the newest', null, ['createdAt', 'DESC'], [0, 24]],
    ['page 40 of the newest', null, ['createdAt', 'DESC'], [975, 999]],
    ['page 40 of the soonest to expire', null, ['expiresAt', 'ASC'], [975, 999]],
    ['the pending, newest', 'pending', ['createdAt', 'DESC'], [0, 24]],
    ['the expired (all of them the oldest), newest', 'expired', ['createdAt', 'DESC'], [0, 24]],
    ['page 40 of the expired, latest expiry', 'expired', ['expiresAt', 'DESC'], [975, 999]],
    ['the revoked (rare), soonest to expire', 'revoked', ['expiresAt', 'ASC'], [0, 24]],
  ])('gives %s as a full sort would', async (_name, status, sort, range) => {
    const res = await listed(status ? { status: [status] } : {}, sort, range);
    expect(res.body.map((i: { id: string }) => i.id)).toEqual(await sorted(status, sort, range));
    expect(res.body).toHaveLength(25);
  });

  it('shows each invitation with its contact, and totals exact when small, estimated when large', async () => {
    const [first] = (await listed({}, ['createdAt', 'DESC'], [0, 0])).body;
    const [contact] = await t.query<{ email: string }>('select email from contact where id = $1', [
      first.contactId,
    ]);
    expect(first.contactEmail).toBe(contact.email);

    const all = await listed({}, ['createdAt', 'DESC'], [0, 24]);
    expect(all.headers['x-total-estimated']).toBe('true');
    const estimate = Number(all.headers['content-range'].split('/')[1]);
    expect(Math.abs(estimate - CONTACTS)).toBeLessThan(CONTACTS * 0.1);

    const [{ n }] = await t.query<{ n: number }>(
      `select count(*)::int as n from invitation where status = 'revoked'`,
    );
    const revoked = await listed({ status: ['revoked'] }, ['createdAt', 'DESC'], [0, 24]);
    expect(revoked.headers['x-total-estimated']).toBeUndefined();
    expect(revoked.headers['content-range']).toBe(`invitations 0-24/${n}`);

    const one = await listed({ contactId: first.contactId }, ['createdAt', 'DESC'], [0, 24]);
    expect(one.headers['content-range']).toBe('invitations 0-0/1');
  });

  it('walks the date index for the newest; one status, even at the far end, by its own', async () => {
    const spec = (status: InvitationFilter['status'], field: 'createdAt' | 'expiresAt') =>
      invitationListSpec({
        filter: { status },
        sort: { field, order: 'DESC' },
        range: { start: 0, end: 24 },
      });
    const cases: [InvitationFilter['status'], 'createdAt' | 'expiresAt', string][] = [
      [undefined, 'createdAt', 'invitation_created_idx'],
      [['expired'], 'createdAt', 'invitation_status_created_idx'],
      [['expired'], 'expiresAt', 'invitation_status_expires_idx'],
    ];
    for (const [status, field, index] of cases) {
      const walked = await explainPage(t, spec(status, field), WALK);
      expect({ status, field, index: walked.includes(`"${index}"`) }).toEqual({
        status,
        field,
        index: true,
      });
      expect(walked).not.toMatch(SORT_NODE);
    }
    // One status is walked by PostgreSQL first (a guess); several are planned from the sample,
    // which collects these (no invitation bounced; the expired are the oldest).
    expect((await planOf(t, spec(['expired'], 'createdAt'))).guess).toBe(true);
    const several = await planOf(t, spec(['expired', 'bounced'], 'createdAt'));
    expect(several).toMatchObject({ form: 'candidates' });
    expect(several.guess).toBeUndefined();
  });
});
