import type { Agent } from 'supertest';
import { answeredRequestSql } from '../../server/modules/client-files/client-files.repository';
import { portalContact } from '../utils/people';
import { startTestApp, type TestApp } from '../utils/test-app';

const PDF = (text: string) => Buffer.from(`%PDF-1.4\n% ${text}\n%%EOF\n`, 'latin1');

interface FileView {
  id: string;
  name: string;
  version: number;
  versions: { version: number; uploadedAt: string; uploadedBy: { name: string } | null }[];
  request: { id: string; subject: string; itemTitle: string } | null;
}

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  Plans?: PlanNode[];
}

const nodesOf = (node: PlanNode): PlanNode[] => [node, ...(node.Plans ?? []).flatMap(nodesOf)];

/**
 * Each file says where it came from: the portal and the console name the file request (and the
 * item) a file was uploaded for, so two same-named answers to two requests can be told apart.
 */
describe('file origins', () => {
  let t: TestApp;
  let admin: Agent;
  let clientId: string;
  let ann: { id: string; agent: Agent };
  let cara: { id: string; agent: Agent };
  const requests: { id: string; itemId: string; subject: string }[] = [];

  const files = async (agent: Agent, path: string) =>
    ((await agent.get(path).expect(200)).body as FileView[]).sort((a, b) =>
      (a.request?.subject ?? '').localeCompare(b.request?.subject ?? ''),
    );

  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.signIn();
    clientId = (await admin.post('/api/clients').send({ companyName: 'Origins LLC' }).expect(201))
      .body.id;
    ann = await portalContact(t, admin, 'ann', clientId, 'contact_access');
    cara = await portalContact(t, admin, 'cara', clientId, 'contact_collaborator');
    // Two requests to Ann asking for a W-2: she answers both with a file of the same name.
    for (const subject of ['2024 return', '2025 return']) {
      const { body } = await admin
        .post('/api/file-requests')
        .send({ clientId, recipientIds: [ann.id], subject, items: [{ title: 'W-2' }] })
        .expect(201);
      requests.push({ id: body.id, itemId: body.items[0].id, subject });
      await ann.agent
        .post(`/api/portal/file-requests/${body.id}/items/${body.items[0].id}/upload`)
        .attach('file', PDF(subject), 'W-2.pdf')
        .expect(201);
    }
    // Cara adds one of her own, outside any request.
    await cara.agent
      .post(`/api/portal/clients/${clientId}/files`)
      .attach('file', PDF('cara'), 'W-2.pdf')
      .expect(201);
  });
  afterAll(() => t.close());

  it('names the request and item each file answered, in the portal and the console', async () => {
    const mine = await files(ann.agent, `/api/portal/clients/${clientId}/files`);
    expect(mine).toEqual([
      expect.objectContaining({
        name: 'W-2.pdf',
        version: 1,
        request: { id: requests[0].id, subject: '2024 return', itemTitle: 'W-2' },
        versions: [
          expect.objectContaining({ uploadedBy: expect.objectContaining({ name: 'ann' }) }),
        ],
      }),
      expect.objectContaining({
        name: 'W-2.pdf',
        request: { id: requests[1].id, subject: '2025 return', itemTitle: 'W-2' },
      }),
    ]);
    const all = await files(admin, `/api/clients/${clientId}/files`);
    expect(all.map((f) => f.request?.subject ?? null)).toEqual([
      null,
      '2024 return',
      '2025 return',
    ]);
  });

  it('names a request only to a contact it was sent to', async () => {
    const answer = (await files(admin, `/api/clients/${clientId}/files`))[1];
    await admin
      .put(`/api/files/${answer.id}/shares`)
      .send({ contactIds: [ann.id, cara.id] })
      .expect(200);
    const caras = await files(cara.agent, `/api/portal/clients/${clientId}/files`);
    expect(caras.map((f) => [f.id === answer.id, f.request])).toEqual(
      expect.arrayContaining([[true, null]]),
    );
    expect(caras.every((f) => f.request === null)).toBe(true);
  });

  it('finds the requests through the item index, not by walking every item', async () => {
    // The client's three files, then many answered items of other files, so that walking the
    // table would be the slow way.
    const fileIds = (await files(admin, `/api/clients/${clientId}/files`)).map((f) => f.id);
    await t.query(
      `with f as (
         insert into client_file (client_id, name)
         select $1, 'bulk ' || g || '.pdf' from generate_series(1, 20000) g returning id)
       insert into file_request_item (request_id, position, title, file_id, status)
       select $2, 1000 + row_number() over (), 'Bulk', f.id, 'uploaded' from f`,
      [clientId, requests[0].id],
    );
    await t.query('analyze file_request_item');
    for (const forContact of [false, true]) {
      let n = 0;
      const sql = answeredRequestSql(forContact).replace(/\?/g, () => `$${++n}`);
      const params = forContact ? [`{${fileIds.join(',')}}`, ann.id] : [`{${fileIds.join(',')}}`];
      const [row] = await t.query<{ 'QUERY PLAN': [{ Plan: PlanNode }] }>(
        `explain (format json) ${sql}`,
        params,
      );
      const nodes = nodesOf(row['QUERY PLAN'][0].Plan);
      const items = nodes.filter((node) => node['Relation Name'] === 'file_request_item');
      expect(items.map((node) => node['Node Type'])).toEqual([
        expect.stringMatching(/^(Bitmap Heap Scan|Index Scan)$/),
      ]);
      expect(nodes.map((node) => node['Index Name'])).toContain('file_request_item_file_idx');
    }
  });
});
