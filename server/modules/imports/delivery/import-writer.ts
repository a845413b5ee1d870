import { randomUUID } from 'node:crypto';
import { pgArray } from '@server/database/pg-array';
import { displayNameOf } from '../../clients/client.view';
import { leastUsedColours } from '../../tags/tag-colours';
import { TAG_COLOUR_USAGE_SQL } from '../../tags/tags.repository';
import { CLIENT_FIELDS, type ClientFields, type RowPlan } from './import-plan';

/** Runs one statement (with $1… parameters) inside the chunk's transaction. */
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
      await this.linkPrimaryContacts(created, updated);
    }
    await this.recordOutcomes(plans, new Map(created.map((p) => [p.seq, p.clientId])));
  }

  /** Unknown tags are created (the palette's least-used colours); returns lower-cased name → id. */
  private async ensureTags(names: string[]): Promise<Map<string, string>> {
    const byKey = new Map(names.map((n) => [n.toLowerCase(), n]));
    if (!byKey.size) return new Map();
    const found = await this.tagIds([...byKey.keys()]);
    // Sorted, so concurrent chunks take tag locks in the same order and cannot deadlock.
    const missing = [...byKey.keys()].filter((k) => !found.has(k)).sort();
    if (!missing.length) return found;
    const colours = leastUsedColours(
      await this.sql<{ color: string; count: number }>(TAG_COLOUR_USAGE_SQL),
      missing.length,
    );
    await this.sql(
      `insert into tag (id, name, color)
       select gen_random_uuid(), n, c from unnest($1::text[], $2::text[]) as t(n, c)
       on conflict (lower(name)) do nothing`,
      [pgArray(missing.map((k) => byKey.get(k)!)), pgArray(colours)],
    );
    return this.tagIds([...byKey.keys()]);
  }

  private async tagIds(keys: string[]): Promise<Map<string, string>> {
    const rows = await this.sql<{ id: string; key: string }>(
      `select id, lower(name) as key from tag where lower(name) = any($1::text[])`,
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
       from unnest($1::uuid[], $2::text[], $3::text[], ${textArrays(CLIENT_FIELDS.length, 4)})
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
       from unnest($1::uuid[], $2::text[], ${textArrays(CLIENT_FIELDS.length, 3)})
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
      `insert into client_tag (client_id, tag_id) select * from unnest($1::uuid[], $2::uuid[]) on conflict do nothing`,
      [pgArray(links.map((l) => l[0])), pgArray(links.map((l) => l[1]))],
    );
  }

  /**
   * A row's email is its client's primary contact (Entity Collaborator), created if new. A client
   * created by this chunk has no contact yet, so only updated ones are checked for a primary.
   */
  private async linkPrimaryContacts(created: Created[], updated: Updated[]): Promise<void> {
    const written = [...created, ...updated].filter((p) => p.fields.email);
    if (!written.length) return;
    const contactIds = await this.ensureContacts(written.map((p) => p.fields));
    await this.sql(
      `insert into client_contact (client_id, contact_id, role, is_primary)
       select v.client_id, v.contact_id, 'contact_collaborator',
              v.fresh or not exists (select 1 from client_contact p where p.client_id = v.client_id and p.is_primary)
       from unnest($1::uuid[], $2::uuid[], $3::boolean[]) as v(client_id, contact_id, fresh)
       on conflict (client_id, contact_id) do nothing`,
      [
        pgArray(written.map((p) => p.clientId)),
        pgArray(written.map((p) => contactIds.get(p.fields.email!.toLowerCase())!)),
        pgArray(written.map((p) => String(p.outcome === 'created'))),
      ],
    );
  }

  /** Creates the contacts that do not exist yet; returns lower-cased email → contact id. */
  private async ensureContacts(people: ClientFields[]): Promise<Map<string, string>> {
    const byKey = new Map<string, ClientFields>();
    for (const p of people) {
      const key = p.email!.toLowerCase();
      if (!byKey.has(key)) byKey.set(key, p);
    }
    const fresh = [...byKey.values()];
    const inserted = await this.sql<{ id: string; key: string }>(
      `insert into contact (id, email, first_name, last_name, phone)
       select * from unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[])
       on conflict (lower(email)) do nothing
       returning id, lower(email) as key`,
      [
        pgArray(fresh.map(() => randomUUID())),
        pgArray(fresh.map((p) => p.email)),
        pgArray(fresh.map((p) => p.firstName)),
        pgArray(fresh.map((p) => p.lastName)),
        pgArray(fresh.map((p) => p.phone)),
      ],
    );
    const ids = new Map(inserted.map((r) => [r.key, r.id]));
    const existing = [...byKey.keys()].filter((k) => !ids.has(k));
    if (existing.length) {
      const found = await this.sql<{ id: string; key: string }>(
        `select id, lower(email) as key from contact where lower(email) = any($1::text[])`,
        [pgArray(existing)],
      );
      for (const r of found) ids.set(r.key, r.id);
    }
    return ids;
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
      `insert into import_row_outcome (import_id, seq, outcome, comment, client_id, previous)
       select $1, * from unnest($2::int[], $3::text[], $4::text[], $5::uuid[], $6::jsonb[])`,
      [
        this.importId,
        pgArray(plans.map((p) => String(p.seq))),
        pgArray(plans.map((p) => p.outcome)),
        pgArray(plans.map(comment)),
        pgArray(plans.map(clientId)),
        pgArray(plans.map(previous)),
      ],
    );
  }
}

/** `$start::text[], …`: the parameters of `count` text columns. */
const textArrays = (count: number, start: number): string =>
  Array.from({ length: count }, (_, i) => `$${start + i}::text[]`).join(', ');
