import { Client } from 'pg';
import type { Agent } from 'supertest';
import { pageSql, type SampledListSpec } from '../../server/database/sampled-list';
import {
  AUDIT_SORTABLE,
  type AuditFilter,
  type AuditSortField,
} from '../../server/modules/audit/audit-events.schemas';
import { auditListSpec } from '../../server/modules/audit/audit-events.service';
import type { OutboxFilter } from '../../server/modules/email/outbox.schemas';
import { outboxListSpec } from '../../server/modules/email/outbox.service';
import { fileRequestListSpec } from '../../server/modules/file-requests/file-request-views.repository';
import {
  FILE_REQUEST_SORTABLE,
  type FileRequestFilter,
  type FileRequestSortField,
} from '../../server/modules/file-requests/file-requests.schemas';
import { explainPage, numbered, planOf, SORT_NODE } from '../utils/list-plan';
import { startTestApp, type TestApp } from '../utils/test-app';

const ROWS = 30_000;
/** The quiet client's events, the oldest of the trail (last when sorted newest first). */
const QUIET = 300;
/** Queued messages and open requests: the newest rows. */
const QUEUED = 2_000;
const OPEN = 1_500;
const WALK = { form: 'walk', estimated: null, exactTotal: true } as const;

type Order = 'ASC' | 'DESC';
const page = (start = 0) => ({ start, end: start + 24 });

const audit = (filter: AuditFilter, field: AuditSortField, order: Order, start = 0) =>
  auditListSpec({ filter, sort: { field, order }, range: page(start) });
const outbox = (
  filter: OutboxFilter,
  field: 'createdAt' | 'toEmail' | 'status',
  order: Order,
  start = 0,
) => outboxListSpec({ filter, sort: { field, order }, range: page(start) });
const requests = (
  filter: FileRequestFilter,
  field: FileRequestSortField,
  order: Order,
  start = 0,
) => fileRequestListSpec({ filter, sort: { field, order }, range: page(start) }, null);

describe('audit trail, Outbox and file-request list plans on tables where a filter correlates with the sort', () => {
  let t: TestApp;
  let admin: Agent;
  let quietClient: string;

  /**
   * Rows the trigram index hands over for the page's filter: a term's word-start trigrams pick
   * out the matches, where a term matched anywhere may take every row to recheck.
   */
  const indexRows = async (spec: SampledListSpec) => {
    await t.query('set enable_seqscan = off');
    try {
      const [row] = await t.query<{ 'QUERY PLAN': [{ Plan: unknown }] }>(
        `explain (analyze, format json) select count(*) from ${spec.table} ${spec.alias}
         where ${numbered(spec.where.sql)}`,
        spec.where.params,
      );
      const plan = JSON.stringify(row['QUERY PLAN'][0].Plan);
      return Number(/"Node Type":"Bitmap Index Scan".*?"Actual Rows":(\d+)/.exec(plan)?.[1]);
    } finally {
      await t.query('reset enable_seqscan');
    }
  };

  beforeAll(async () => {
    // Exact totals here are counted whatever it takes: a count that a loaded machine slows past
    // the default LIST_BUDGET_MS would be estimated (list-budget.spec tests that).
    t = await startTestApp({ LIST_BUDGET_MS: '7000' });
    admin = await t.signIn();
    [{ id: quietClient }] = await t.query<{ id: string }>(
      `insert into client (id, first_name, last_name, display_name)
       values (gen_random_uuid(), 'Quiet', 'Client', 'Quiet Client') returning id`,
    );
    // A minute apart, newest first; the quiet client's exports are the oldest; everyone else's
    // events are spread over fifty other clients.
    await t.query(
      `insert into audit_event (at, actor_type, actor_email, action, target_type, target_id,
         client_id, client_ids, summary)
       select now() - make_interval(mins => i), 'staff', 'staff@firm.example', q.action, 'client',
         gen_random_uuid(), q.client, array[q.client], q.summary
       from generate_series(1, $1::int) i cross join lateral (
         select case when i > $1 - $2 then 'audit.exported'
                     else (array['client.updated','file.uploaded','auth.sign_in'])[1 + i % 3] end as action,
                case when i > $1 - $2 then 'Exported the audit trail' else 'Updated client ' || i end as summary,
                case when i > $1 - $2 then $3::uuid
                     else ('00000000-0000-0000-0000-' || lpad((i % 50)::text, 12, '0'))::uuid end as client) q`,
      [ROWS, QUIET, quietClient],
    );
    await t.query(
      `insert into email_message (id, kind, idempotency_key, to_email, from_email, subject, status, created_at)
       select gen_random_uuid(), 'invitation', 'plan-' || i, 'person' || i || '@example.com',
         'office@firm.example', 'Invitation ' || i,
         case when i <= $2 then 'queued' else 'recorded' end, now() - make_interval(mins => i)
       from generate_series(1, $1::int) i`,
      [ROWS, QUEUED],
    );
    await t.query(
      `insert into file_request (client_id, subject, status, sender_email, due_at, created_at, last_activity_at)
       select $3::uuid, 'Request ' || i, case when i <= $2 then 'open' else 'completed' end,
         'office@firm.example', case when i % 3 > 0 then now() + make_interval(days => 1 + i % 100) end,
         now() - make_interval(mins => i), now() - make_interval(mins => i)
       from generate_series(1, $1::int) i`,
      [ROWS, OPEN, quietClient],
    );
    await t.query('analyze audit_event, email_message, file_request');
  });
  afterAll(() => t.close());

  it('reads every sort of every list, both ways, in index order rather than sorting the table', async () => {
    const specs: [SampledListSpec, string][] = [];
    for (const order of ['ASC', 'DESC'] as const) {
      for (const field of AUDIT_SORTABLE)
        specs.push([audit({}, field, order, 975), `audit_event_${field}_idx`]);
      for (const [field, index] of [
        ['createdAt', 'email_message_created_idx'],
        ['toEmail', 'email_message_to_idx'],
        ['status', 'email_message_status_idx'],
      ] as const)
        specs.push([outbox({}, field, order, 975), index]);
      for (const field of FILE_REQUEST_SORTABLE)
        specs.push([
          requests({}, field, order, 975),
          {
            lastActivityAt: 'file_request_activity_idx',
            createdAt: 'file_request_created_idx',
            dueAt: order === 'ASC' ? 'file_request_due_idx' : 'file_request_due_desc_idx',
            subject: 'file_request_subject_idx',
            status: 'file_request_status_id_idx',
          }[field],
        ]);
    }
    for (const [spec, index] of specs) {
      const plan = await explainPage(t, spec, WALK);
      expect({
        sort: `${spec.sortKey} ${spec.order}`,
        usesIndex: plan.includes(`"${index}"`),
      }).toEqual({ sort: `${spec.sortKey} ${spec.order}`, usesIndex: true });
      expect(plan).not.toMatch(SORT_NODE);
    }
  });

  it('collects the matches clustered at the far end of the sort order through their own index', async () => {
    // Queued messages are also found through the dispatcher's partial indexes.
    const cases: [SampledListSpec, RegExp, string][] = [
      [
        audit({ clientId: quietClient }, 'at', 'DESC'),
        /audit_event_client_action_search_idx/,
        'audit_event_at_idx',
      ],
      [
        audit({ q: 'exported the audit' }, 'at', 'DESC'),
        /audit_event_client_action_search_idx/,
        'audit_event_at_idx',
      ],
      [
        outbox({ status: ['queued'] }, 'createdAt', 'ASC'),
        /email_message_(status|claim|queue)_idx/,
        'email_message_created_idx',
      ],
      [
        requests({ status: ['open'] }, 'lastActivityAt', 'ASC'),
        /file_request_status/,
        'file_request_activity_idx',
      ],
      // A kind no message has.
      [
        outbox({ kind: ['password_reset'] }, 'createdAt', 'DESC'),
        /email_message_kind_idx/,
        'email_message_created_idx',
      ],
    ];
    for (const [spec, filterIndex, sortIndex] of cases) {
      const plan = await planOf(t, spec);
      expect(plan).toMatchObject({ form: 'candidates', exactTotal: true });
      const chosen = await explainPage(t, spec, plan);
      expect(chosen).toContain('"CTE Name":"m"');
      expect(chosen).not.toContain(sortIndex);
      // On a table this small reading it all can be cheaper; at volume the filter's index is
      // what finds the matches, so it must fit the filter's expression.
      await t.query('set enable_seqscan = off');
      try {
        expect(await explainPage(t, spec, plan)).toMatch(filterIndex);
      } finally {
        await t.query('reset enable_seqscan');
      }
    }
    // A client's events of an action, or matching a search, come from one index over all three,
    // rather than from the client's bitmap intersected with the action's or the term's, which at
    // volume hold a sixth of the trail (on a table this small PostgreSQL reads the action's
    // index alone, so it is set aside).
    const busy = '00000000-0000-0000-0000-000000000001';
    const combined: [AuditFilter, RegExp][] = [
      [{ clientId: busy, action: ['file.uploaded'] }, /\(client_ids @> .*\) AND \(action = ANY/],
      [{ clientId: busy, q: 'upl' }, /\(client_ids @> .*\) AND \(\(\(COALESCE\(actor_email.*~~\*/],
    ];
    for (const [filter, cond] of combined) {
      const spec = audit(filter, 'at', 'DESC');
      const page = pageSql(spec, { ...(await planOf(t, spec)), form: 'candidates' });
      const pg = new Client({ connectionString: t.config.DATABASE_URL });
      await pg.connect();
      try {
        await pg.query('begin');
        await pg.query('drop index audit_event_action_idx');
        await pg.query('set local enable_seqscan = off');
        const { rows } = await pg.query(`explain ${numbered(page.sql)}`, page.params);
        const plan = rows.map((r: { 'QUERY PLAN': string }) => r['QUERY PLAN']).join('\n');
        expect(plan).toMatch(/Bitmap Index Scan on audit_event_client_action_search_idx/);
        expect(plan).toMatch(new RegExp(`Index Cond: \\(${cond.source}`));
        expect(plan).not.toContain('BitmapAnd');
      } finally {
        await pg.query('rollback');
        await pg.end();
      }
    }
    // The risk is real: PostgreSQL walks the time index for the plain form, expecting the
    // quiet client's events spread evenly.
    const quiet = audit({ clientId: quietClient }, 'at', 'DESC');
    expect(await explainPage(t, quiet, { ...(await planOf(t, quiet)), form: 'walk' })).toContain(
      'audit_event_at_idx',
    );
  });

  it('finds a term of one or two letters at the start of a word through the trigram index', async () => {
    // Rows with a word that starts with `term`, found another way: every non-alphanumeric
    // character made a space, then a space before the term.
    const withWordStarting = async (spec: SampledListSpec, text: string, term: string) => {
      const [{ n }] = await t.query<{ n: number }>(
        `select count(*)::int as n from ${spec.table} ${spec.alias}
         where ' ' || regexp_replace(${text}, '[^[:alnum:]]', ' ', 'g') ilike $1`,
        [`% ${term}%`],
      );
      return n;
    };
    const cases: [SampledListSpec, string, string, number][] = [
      // "audit" starts a word of the quiet client's exports; "di" starts none.
      [
        audit({ q: 'Au' }, 'at', 'DESC'),
        `coalesce(e.actor_email, '') || ' ' || e.summary`,
        'au',
        QUIET,
      ],
      [
        audit({ q: 'di' }, 'at', 'DESC'),
        `coalesce(e.actor_email, '') || ' ' || e.summary`,
        'di',
        0,
      ],
      // "Invitation 7", "Invitation 70" … "Invitation 7999"; "person7@" is one word.
      [outbox({ q: '7' }, 'createdAt', 'DESC'), `m.to_email || ' ' || m.subject`, '7', 1_111],
      [requests({ q: '7' }, 'createdAt', 'DESC'), 'r.subject', '7', 1_111],
    ];
    for (const [spec, text, term, seeded] of cases) {
      const expected = await withWordStarting(spec, text, term);
      expect(expected).toBeGreaterThanOrEqual(seeded);
      expect(expected).toBeLessThan(seeded + 10);
      // Matched anywhere, the index would hand over every row of the table to recheck.
      expect(await indexRows(spec)).toBeLessThanOrEqual(expected);
      const [{ count }] = await t.query<{ count: number }>(
        `select count(*)::int as count from ${spec.table} ${spec.alias} where ${numbered(spec.where.sql)}`,
        spec.where.params,
      );
      expect(count).toBe(expected);
    }
  });

  it('walks the sort index when the sample shows the matches come first', async () => {
    expect(await planOf(t, requests({ status: ['open'] }, 'createdAt', 'DESC'))).toMatchObject({
      form: 'walk',
    });
    expect(await planOf(t, outbox({ status: ['queued'] }, 'createdAt', 'DESC'))).toMatchObject({
      form: 'walk',
    });
    // A long term found in most rows walks too, rather than collecting every match through the
    // trigram index (what PostgreSQL does when the searched text has no statistics yet).
    for (const spec of [
      audit({ q: 'updated client' }, 'at', 'ASC'),
      outbox({ q: '@example.com invitation' }, 'createdAt', 'DESC'),
    ]) {
      const plan = await planOf(t, spec);
      expect(plan).toMatchObject({ form: 'walk', exactTotal: false });
      const chosen = await explainPage(t, spec, plan);
      expect(chosen).toMatch(/(audit_event_at_idx|email_message_created_idx)/);
      expect(chosen).not.toContain('_search_trgm');
    }
  });

  it('walks a date range, or actions sorted by action, from their first row', async () => {
    // Two days of events in the middle of the trail's three weeks (13,000 come before them
    // either way), and uploads, a third of the trail after two other actions.
    const day = 86_400_000;
    const from = new Date(Date.now() - 11.5 * day).toISOString();
    const to = new Date(Date.now() - 9.5 * day).toISOString();
    const cases = [
      {
        filter: { from, to },
        field: 'at' as const,
        seek: /"Index Cond":"\(\(at >= '[^"]*'::timestamp with time zone\) AND \(at <= /,
        where: ['at >= $1 and at <= $2', [from, to]] as const,
      },
      {
        filter: { action: ['file.uploaded'] },
        field: 'action' as const,
        seek: /"Index Cond":"\(action = ANY \('\{file.uploaded\}'::text\[\]\)\)"/,
        where: ['action = $1', ['file.uploaded']] as const,
      },
    ];
    for (const { filter, field, seek, where } of cases) {
      for (const order of ['DESC', 'ASC'] as const) {
        if (field === 'action' && order === 'DESC') continue; // uploads sort last: no seek needed
        const spec = audit(filter, field, order, 975);
        expect(spec.seek).toBeDefined();
        const plan = await planOf(t, spec);
        expect(plan).toMatchObject({ form: 'walk' });
        // It reads only from the seek on, through an index (a range of 2,880 rows PostgreSQL may
        // sort instead of walking).
        const chosen = await explainPage(t, spec, plan);
        expect(chosen).toMatch(seek);
        expect(chosen).not.toContain('Seq Scan');
        // Without the seek, the sample counts the rows before it and collects the matches.
        expect(await planOf(t, { ...spec, seek: undefined })).toMatchObject({ form: 'candidates' });
        const res = await admin
          .get('/api/audit-events')
          .query({
            filter: JSON.stringify(filter),
            sort: JSON.stringify([field, order]),
            range: JSON.stringify([975, 999]),
          })
          .expect(200);
        const expected = await t.query<{ id: string }>(
          `select id from audit_event where ${where[0]}
           order by ${field} ${order}, id ${order} offset 975 limit 25`,
          [...where[1]],
        );
        expect(res.body.map((r: { id: string }) => r.id)).toEqual(expected.map((r) => r.id));
        // The date range's 2,880 are counted exactly; the 9,900 uploads are close enough to the
        // exact-count limit that the sample may estimate them.
        if (field === 'at') {
          const [{ n }] = await t.query<{ n: number }>(
            `select count(*)::int as n from audit_event where ${where[0]}`,
            [...where[1]],
          );
          expect(res.headers['content-range']).toBe(`audit-events 975-999/${n}`);
        }
      }
    }
  });

  it('returns the pages an exact query would, with an exact total when the matches are few', async () => {
    const list = (resource: string, filter: object, sort: [string, Order], start = 0) =>
      admin
        .get(`/api/${resource}`)
        .query({
          filter: JSON.stringify(filter),
          sort: JSON.stringify(sort),
          range: JSON.stringify([start, start + 24]),
        })
        .expect(200);
    const ids = (res: { body: { id: string }[] }) => res.body.map((r) => r.id);
    const expected = async (sql: string, params: unknown[]) =>
      (await t.query<{ id: string }>(sql, params)).map((r) => r.id);

    const quiet = await list('audit-events', { clientId: quietClient }, ['at', 'DESC'], 275);
    expect(ids(quiet)).toEqual(
      await expected(
        `select id from audit_event where $1 = any(client_ids) order by at desc, id desc offset 275 limit 25`,
        [quietClient],
      ),
    );
    expect(quiet.headers['content-range']).toBe(`audit-events 275-299/${QUIET}`);
    expect(quiet.headers['x-total-estimated']).toBeUndefined();

    const everything = await list('audit-events', {}, ['at', 'DESC']);
    expect(everything.headers['x-total-estimated']).toBe('true');
    expect(Number(everything.headers['content-range'].split('/')[1])).toBeGreaterThan(ROWS * 0.9);

    const queued = await list('outbox', { status: ['queued'] }, ['createdAt', 'ASC'], 975);
    expect(ids(queued)).toEqual(
      await expected(
        `select id from email_message where status = 'queued' order by created_at, id offset 975 limit 25`,
        [],
      ),
    );
    expect(queued.headers['content-range']).toBe(`outbox 975-999/${QUEUED}`);

    const open = await list('file-requests', { status: ['open'] }, ['dueAt', 'DESC'], 975);
    expect(ids(open)).toEqual(
      await expected(
        `select id from file_request where status = 'open'
         order by due_at desc nulls last, id desc offset 975 limit 25`,
        [],
      ),
    );
    expect(open.body[0]).toMatchObject({ clientName: 'Quiet Client', status: 'open' });
    expect(open.headers['content-range']).toBe(`file-requests 975-999/${OPEN}`);

    // Not overdue includes open requests without a due date; none is overdue here.
    const notOverdue = await list('file-requests', { status: ['open'], overdue: false }, [
      'dueAt',
      'ASC',
    ]);
    expect(notOverdue.headers['content-range']).toBe(`file-requests 0-24/${OPEN}`);
    const overdue = await list('file-requests', { overdue: true }, ['dueAt', 'ASC']);
    expect(overdue.headers['content-range']).toBe('file-requests 0-0/0');
  });

  it("walks an actor type's events through their own index, where the sample sees a long walk", async () => {
    // 300 failed sign-ins, one event in a hundred, spread over the trail. They stay: only the
    // file-request tests come after this one.
    await t.query(
      `insert into audit_event (at, actor_type, action, summary)
       select now() - make_interval(mins => 100 * i) + interval '30 seconds', 'anonymous',
         'auth.sign_in_failed', 'Failed sign-in ' || i
       from generate_series(1, 300) i`,
    );
    await t.query('analyze audit_event');
    for (const [order, start] of [
      ['ASC', 0],
      ['DESC', 275],
    ] as const) {
      const spec = audit({ actorType: 'anonymous' }, 'at', order, start);
      const plan = await planOf(t, spec);
      expect(plan.guess).toBe(true);
      // PostgreSQL's own walk, tried first, reads only the actor type's rows, in order.
      const walk = await explainPage(t, spec, { ...plan, form: 'walk', walkRows: undefined });
      expect(walk).toContain('audit_event_actor_type_idx');
      expect(walk).not.toMatch(SORT_NODE);
      const res = await admin
        .get('/api/audit-events')
        .query({
          filter: JSON.stringify({ actorType: 'anonymous' }),
          sort: JSON.stringify(['at', order]),
          range: JSON.stringify([start, start + 24]),
        })
        .expect(200);
      const expected = await t.query<{ id: string }>(
        `select id from audit_event where actor_type = 'anonymous'
         order by at ${order}, id ${order} offset $1 limit 25`,
        [start],
      );
      expect(res.body.map((r: { id: string }) => r.id)).toEqual(expected.map((r) => r.id));
      expect(res.headers['content-range']).toBe(`audit-events ${start}-${start + 24}/300`);
    }
    // An actor's events come from (actor_id, at) the same way. Sorted by action, the index gives
    // no order; with a search or a client, whose own indexes find the matches, they may be sparse
    // in it: the sample alone decides.
    const actor = '00000000-0000-0000-0000-0000000000aa';
    expect(audit({ actorId: actor, action: ['auth.sign_in'] }, 'at', 'ASC').orderedByIndex).toBe(
      true,
    );
    expect(audit({ actorType: 'anonymous' }, 'action', 'ASC').orderedByIndex).toBe(false);
    expect(audit({ actorId: actor, q: 'sign' }, 'at', 'ASC').orderedByIndex).toBe(false);
    expect(audit({ actorType: 'staff', clientId: quietClient }, 'at', 'ASC').orderedByIndex).toBe(
      false,
    );
  });

  it('reads a file-request subject term alone as a range of the subject index', async () => {
    // 12,000 statements, which sort after the 30,000 requests. They stay (deleting them would
    // look up each one's emails), so this test and the next, which add rows, come last.
    await t.query(
      `insert into file_request (client_id, subject, status, sender_email)
       select $1::uuid, 'Statements ' || i, 'completed', 'office@firm.example'
       from generate_series(1, 12000) i`,
      [quietClient],
    );
    await t.query('analyze file_request');
    // A one-letter term is found through the trigrams of a word starting with it, which only
    // the statements have here.
    for (const [q, start] of [
      ['statements', 0],
      ['statements', 975],
      ['s', 975],
    ] as const) {
      const spec = requests({ q }, 'subject', 'ASC', start);
      const plan = await planOf(t, spec);
      expect(plan).toMatchObject({ form: 'candidates', exactTotal: false });
      expect(plan.bound).toBeDefined();
      expect(await explainPage(t, spec, plan)).toContain('ROW(lower(subject), id) <= ROW(');
      const res = await admin
        .get('/api/file-requests')
        .query({
          filter: JSON.stringify({ q }),
          sort: JSON.stringify(['subject', 'ASC']),
          range: JSON.stringify([start, start + 24]),
        })
        .expect(200);
      // A word of three letters or more matches anywhere, a shorter one where a word starts.
      const matches =
        q.length >= 3
          ? `subject ilike '%' || $2 || '%'`
          : `' ' || regexp_replace(subject, '[^[:alnum:]]', ' ', 'g') ilike '% ' || $2 || '%'`;
      const expected = await t.query<{ id: string }>(
        `select id from file_request where ${matches}
           order by lower(subject), id offset $1 limit 25`,
        [start, q],
      );
      expect(res.body.map((r: { id: string }) => r.id)).toEqual(expected.map((r) => r.id));
      expect(res.headers['x-total-estimated']).toBe('true');
    }
    // A separator, another filter or a staff member's visible clients: never a range.
    expect(requests({ q: 'w-2' }, 'subject', 'ASC').rangeable).toBe(false);
    expect(requests({ q: 'bank', status: ['open'] }, 'subject', 'ASC').rangeable).toBe(false);
    const visible = { sql: 'r.client_id = ?', params: [quietClient] };
    const sort = { field: 'subject' as const, order: 'ASC' as const };
    expect(
      fileRequestListSpec({ filter: { q: 'bank' }, sort, range: page() }, visible).rangeable,
    ).toBe(false);
  });

  it('finds a term with a separator where a word starts, through its whole words', async () => {
    // 600 W-2 requests (and a drawing that has "w-2" inside a word). Matched anywhere, pg_trgm
    // can only look up a word starting with 2, which over 12,000 "Request 2…" and "Statements
    // 2…" subjects have; where a word starts, "W" is a whole word, which only the W-2 requests have.
    await t.query(
      `insert into file_request (client_id, subject, status, sender_email)
       select $1::uuid, case when i <= 600 then 'W-2 and 1099 forms ' || (2000 + i % 30)
         else 'Draw-2 plan' end, 'open', 'office@firm.example'
       from generate_series(1, 601) i`,
      [quietClient],
    );
    await t.query('analyze file_request');
    const spec = requests({ q: 'w-2' }, 'subject', 'ASC');
    expect(await indexRows(spec)).toBe(600);
    const res = await admin
      .get('/api/file-requests')
      .query({
        filter: JSON.stringify({ q: 'w-2' }),
        sort: JSON.stringify(['subject', 'ASC']),
        range: JSON.stringify([0, 24]),
      })
      .expect(200);
    expect(res.headers['content-range']).toBe('file-requests 0-24/600');
    expect(res.body.every((r: { subject: string }) => r.subject.startsWith('W-2 and 1099'))).toBe(
      true,
    );
  });
});
