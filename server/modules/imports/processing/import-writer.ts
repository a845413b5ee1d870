import { randomUUID } from 'node:crypto';
import { pgArray } from '../../../database/pg-array';
import { displayNameOf } from '../../clients/client.view';
import { TAG_PALETTE } from '../../tags/tag-palette';
import { CLIENT_FIELDS, type ClientFields, type RowPlan } from './import-plan';

/** Runs one statement inside the chunk's transaction. */
export type Sql = <T = Record<string, unknown>>(text: string, params?: unknown[]) => Promise<T[]>;

const COLUMN: Record<(typeof CLIENT_FIELDS)[number], string> = {
  firstName: 'first_name',
  lastName: 'last_name',
  companyName: 'company_name',
  email: 'email',
  phone: 'phone',
  street: 'street',
  city: 'city',
  state: 'state',
  postalCode: 'postal_code',
  taxClientId: 'tax_client_id',
};
const COLOURS = Object.values(TAG_PALETTE);

type Created = Extract<RowPlan, { outcome: 'created' }> & { clientId: string };
type Updated = Extract<RowPlan, { outcome: 'updated' }>;

/** Writes a chunk's plan with one set-based statement per kind of change. */
export class ImportWriter {
  constructor(
    private readonly sql: Sql,
    private readonly importId: string,
    private readonly dryRun: boolean,
  ) {}

  async write(plans: RowPlan[]): Promise<void> {
    const created: Created[] = plans.flatMap((p) =>
      p.outcome === 'created' ? [{ ...p, clientId: randomUUID() }] : [],
    );
    const updated = plans.filter((p): p is Updated => p.outcome === 'updated');
    if (!this.dryRun) {
      const tagIds = await this.ensureTags([
        ...created.flatMap((p) => p.tags),
        ...updated.flatMap((p) => p.addTags),
      ]);
      await this.insertClients(created);
      await this.updateClients(updated);
      await this.linkTags([
        ...created.flatMap((p) =>
          p.tags.map((t) => [p.clientId, tagIds.get(t.toLowerCase())!] as const),
        ),
        ...updated.flatMap((p) =>
          p.addTags.map((t) => [p.clientId, tagIds.get(t.toLowerCase())!] as const),
        ),
      ]);
      await this.linkPrimaryContacts([...created, ...updated]);
    }
    await this.recordOutcomes(plans, new Map(created.map((p) => [p.seq, p.clientId])));
  }

  /** Unknown tags are created (colour from the palette); returns lower-cased name → id. */
  private async ensureTags(names: string[]): Promise<Map<string, string>> {
    const byKey = new Map(names.map((n) => [n.toLowerCase(), n]));
    if (!byKey.size) return new Map();
    const found = await this.tagIds([...byKey.keys()]);
    // Sorted, so concurrent chunks take tag locks in the same order and cannot deadlock.
    const missing = [...byKey.keys()].filter((k) => !found.has(k)).sort();
    if (!missing.length) return found;
    await this.sql(
      `insert into tag (id, name, color)
       select gen_random_uuid(), n, (?::text[])[1 + abs(hashtext(lower(n))) % ?] from unnest(?::text[]) n
       on conflict (lower(name)) do nothing`,
      [pgArray(COLOURS), COLOURS.length, pgArray(missing.map((k) => byKey.get(k)!))],
    );
    return this.tagIds([...byKey.keys()]);
  }

  private async tagIds(keys: string[]): Promise<Map<string, string>> {
    const rows = await this.sql<{ id: string; key: string }>(
      `select id, lower(name) as key from tag where lower(name) = any(?::text[])`,
      [pgArray(keys)],
    );
    return new Map(rows.map((r) => [r.key, r.id]));
  }

  private async insertClients(created: Created[]): Promise<void> {
    if (!created.length) return;
    const column = (f: keyof ClientFields) => pgArray(created.map((p) => p.fields[f]));
    await this.sql(
      `insert into client (id, type, connection_status, display_name, ${CLIENT_FIELDS.map((f) => COLUMN[f]).join(', ')})
       select v.id, v.type, case when v.type = 'offline' then 'offline' else 'not_connected' end, v.display_name,
              ${CLIENT_FIELDS.map((f) => `v.${COLUMN[f]}`).join(', ')}
       from unnest(?::uuid[], ?::text[], ?::text[], ${CLIENT_FIELDS.map(() => '?::text[]').join(', ')})
         as v(id, type, display_name, ${CLIENT_FIELDS.map((f) => COLUMN[f]).join(', ')})`,
      [
        pgArray(created.map((p) => p.clientId)),
        pgArray(created.map((p) => p.type)),
        pgArray(created.map((p) => displayNameOf(p.fields))),
        ...CLIENT_FIELDS.map(column),
      ],
    );
  }

  private async updateClients(updated: Updated[]): Promise<void> {
    if (!updated.length) return;
    await this.sql(
      `update client c set display_name = v.display_name, updated_at = now(),
         ${CLIENT_FIELDS.map((f) => `${COLUMN[f]} = v.${COLUMN[f]}`).join(', ')}
       from unnest(?::uuid[], ?::text[], ${CLIENT_FIELDS.map(() => '?::text[]').join(', ')})
         as v(id, display_name, ${CLIENT_FIELDS.map((f) => COLUMN[f]).join(', ')})
       where c.id = v.id`,
      [
        pgArray(updated.map((p) => p.clientId)),
        pgArray(updated.map((p) => displayNameOf(p.fields))),
        ...CLIENT_FIELDS.map((f) => pgArray(updated.map((p) => p.fields[f]))),
      ],
    );
  }

  private async linkTags(links: (readonly [string, string])[]): Promise<void> {
    if (!links.length) return;
    await this.sql(
      `insert into client_tag (client_id, tag_id) select * from unnest(?::uuid[], ?::uuid[]) on conflict do nothing`,
      [pgArray(links.map((l) => l[0])), pgArray(links.map((l) => l[1]))],
    );
  }

  /** A row's email is its client's primary contact (Entity Collaborator), created if new. */
  private async linkPrimaryContacts(written: (Created | Updated)[]): Promise<void> {
    const withEmail = written.filter((p) => p.fields.email);
    if (!withEmail.length) return;
    const emails = pgArray(withEmail.map((p) => p.fields.email));
    await this.sql(
      `insert into contact (id, email, first_name, last_name, phone)
       select gen_random_uuid(), v.email, v.first_name, v.last_name, v.phone
       from unnest(?::text[], ?::text[], ?::text[], ?::text[]) as v(email, first_name, last_name, phone)
       on conflict (lower(email)) do nothing`,
      [
        emails,
        pgArray(withEmail.map((p) => p.fields.firstName)),
        pgArray(withEmail.map((p) => p.fields.lastName)),
        pgArray(withEmail.map((p) => p.fields.phone)),
      ],
    );
    await this.sql(
      `insert into client_contact (client_id, contact_id, role, is_primary)
       select v.client_id, ct.id, 'contact_collaborator',
              not exists (select 1 from client_contact p where p.client_id = v.client_id and p.is_primary)
       from unnest(?::uuid[], ?::text[]) as v(client_id, email)
       join contact ct on lower(ct.email) = lower(v.email)
       on conflict (client_id, contact_id) do nothing`,
      [pgArray(withEmail.map((p) => p.clientId)), emails],
    );
  }

  private async recordOutcomes(plans: RowPlan[], createdIds: Map<number, string>): Promise<void> {
    if (!plans.length) return;
    const clientId = (p: RowPlan): string | null => {
      if (p.outcome === 'failed') return null;
      if (p.outcome !== 'created') return p.clientId;
      return this.dryRun ? null : createdIds.get(p.seq)!;
    };
    const previous = (p: RowPlan) =>
      p.outcome === 'updated' ? JSON.stringify({ ...p.previous, addedTags: p.addTags }) : null;
    const comment = (p: RowPlan) =>
      this.dryRun && p.outcome !== 'failed' ? `Dry run, nothing written: ${p.comment}` : p.comment;
    await this.sql(
      `update import_row r set outcome = v.outcome, comment = v.comment,
         client_id = v.client_id, previous = v.previous, written_at = now(), done = true
       from unnest(?::int[], ?::text[], ?::text[], ?::uuid[], ?::jsonb[]) as v(seq, outcome, comment, client_id, previous)
       where r.import_id = ? and r.seq = v.seq`,
      [
        pgArray(plans.map((p) => String(p.seq))),
        pgArray(plans.map((p) => p.outcome)),
        pgArray(plans.map(comment)),
        pgArray(plans.map(clientId)),
        pgArray(plans.map(previous)),
        this.importId,
      ],
    );
  }
}
