import type { Client } from 'pg';
import type { BenchApi } from './bench-api';

/** Tagged clients with a primary contact each, and a tenth as many untagged ones. */
export async function seedTaggedClients(pg: Client, clients: number): Promise<string> {
  const { rows } = await pg.query(
    `insert into tag (id, name, color) values (gen_random_uuid(), 'newsletter', '#1565c0')
     returning id`,
  );
  const tagId = rows[0].id as string;
  await pg.query(
    `with c as (
       insert into client (id, first_name, last_name, display_name, email)
       select gen_random_uuid(), 'First' || g, 'Last' || g, 'First' || g || ' Last' || g,
         'client' || g || '@example.com'
       from generate_series(1, $1) g returning id, first_name, last_name, email),
     ct as (
       insert into contact (id, email, first_name, last_name)
       select gen_random_uuid(), email, first_name, last_name from c returning id, email),
     link as (
       insert into client_contact (client_id, contact_id, is_primary)
       select c.id, ct.id, true from c join ct using (email))
     insert into client_tag (client_id, tag_id) select id, $2 from c`,
    [clients, tagId],
  );
  await pg.query(
    `insert into client (id, first_name, last_name, display_name)
     select gen_random_uuid(), 'Other' || g, 'Client', 'Other' || g || ' Client'
     from generate_series(1, $1) g`,
    [Math.ceil(clients / 10)],
  );
  return tagId;
}

/** A campaign to the tagged clients' segment, ready to send. */
export async function createBenchCampaign(api: BenchApi, tagId: string): Promise<string> {
  const segment = await api('POST', '/api/segments', {
    name: 'Newsletter',
    filter: { tagIds: [tagId] },
  });
  const campaign = await api('POST', '/api/campaigns', {
    name: 'Year-end newsletter',
    subject: '{{firstName}}, your year-end checklist',
    body: 'Hello {{firstName}},\n\nHere is what **{{clientName}}** needs before December 31.',
    senderEmail: 'news@clienthub.local',
    segmentId: segment.id,
  });
  return campaign.id;
}
