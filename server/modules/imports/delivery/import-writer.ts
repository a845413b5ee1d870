import { randomUUID } from 'node:crypto';
import type { SqlRunner } from '@server/database/sql-runner';
import { displayNameOf } from '../../clients/client.view';
import { leastUsedColours } from '../../tags/tag-colours';
import type { ClientFields, RowPlan } from './import-plan';
import {
  findContactIdsByKey,
  findTagIdsByKey,
  insertClients,
  insertContacts,
  insertRowOutcomes,
  insertTags,
  linkClientTags,
  linkPrimaryContacts,
  updateClients,
} from './import-writer.repository';
import { countTagsByColour } from '../../tags/tags.repository';

type Created = Extract<RowPlan, { outcome: 'created' }> & { clientId: string };
type Updated = Extract<RowPlan, { outcome: 'updated' }>;

/** Writes a chunk's plan with one set-based statement per kind of change. */
export class ImportWriter {
  constructor(
    private readonly sql: SqlRunner,
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
      const idsOf = (names: string[]) => names.map((t) => tagIds.get(t.toLowerCase())!);
      const tagged = created.map((p) => ({ ...p, tagIds: idsOf(p.tags) }));
      await this.insertClients(tagged);
      await this.updateClients(updated);
      await this.linkTags([
        ...tagged.flatMap((p) => p.tagIds.map((t) => [p.clientId, t] as const)),
        ...updated.flatMap((p) => idsOf(p.addTags).map((t) => [p.clientId, t] as const)),
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
    const colours = leastUsedColours(await countTagsByColour(this.sql), missing.length);
    await insertTags(
      this.sql,
      missing.map((k) => byKey.get(k)!),
      colours,
    );
    return this.tagIds([...byKey.keys()]);
  }

  private async tagIds(keys: string[]): Promise<Map<string, string>> {
    const rows = await findTagIdsByKey(this.sql, keys);
    return new Map(rows.map((r) => [r.key, r.id]));
  }

  private async insertClients(created: (Created & { tagIds: string[] })[]): Promise<void> {
    if (!created.length) return;
    await insertClients(
      this.sql,
      created.map((p) => ({
        id: p.clientId,
        type: p.type,
        displayName: displayNameOf(p.fields),
        fields: p.fields,
        tagIds: p.tagIds,
      })),
    );
  }

  private async updateClients(updated: Updated[]): Promise<void> {
    if (!updated.length) return;
    await updateClients(
      this.sql,
      updated.map((p) => ({
        id: p.clientId,
        displayName: displayNameOf(p.fields),
        fields: p.fields,
      })),
    );
  }

  private async linkTags(links: (readonly [string, string])[]): Promise<void> {
    if (!links.length) return;
    await linkClientTags(this.sql, links);
  }

  /**
   * A row's email is its client's primary contact (Entity Collaborator), created if new. A client
   * created by this chunk has no contact yet, so only updated ones are checked for a primary.
   */
  private async linkPrimaryContacts(created: Created[], updated: Updated[]): Promise<void> {
    const written = [...created, ...updated].filter((p) => p.fields.email);
    if (!written.length) return;
    const contactIds = await this.ensureContacts(written.map((p) => p.fields));
    await linkPrimaryContacts(
      this.sql,
      written.map((p) => ({
        clientId: p.clientId,
        contactId: contactIds.get(p.fields.email!.toLowerCase())!,
        fresh: p.outcome === 'created',
      })),
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
    const inserted = await insertContacts(
      this.sql,
      fresh.map((fields) => ({ id: randomUUID(), fields })),
    );
    const ids = new Map(inserted.map((r) => [r.key, r.id]));
    const existing = [...byKey.keys()].filter((k) => !ids.has(k));
    if (existing.length) {
      const found = await findContactIdsByKey(this.sql, existing);
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
    await insertRowOutcomes(
      this.sql,
      this.importId,
      plans.map((p) => ({
        seq: p.seq,
        outcome: p.outcome,
        comment: comment(p),
        clientId: clientId(p),
        previous: previous(p),
      })),
    );
  }
}
