import { EntityManager, UniqueConstraintViolationException } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import type { SqlCondition } from '../../common/access/access.service';
import type { Page } from '../../common/http/content-range';
import type { ListQuery } from '../../common/http/list-query';
import { invalidField } from '../../common/validation/parse-input';
import { pgArray } from '../../database/pg-array';
import { sampledList } from '../../database/sampled-list';
import { ClientFilesService } from '../client-files/client-files.service';
import { FileStore } from '../files/file-store.service';
import { PlaybookRunWorkflows } from '../playbooks/delivery/playbook-run-workflows.service';
import {
  deleteClientsWithRuns,
  runWorkflowsOf,
} from '../playbooks/delivery/playbook-triggers.repository';
import { Tag } from '../tags/tag.entity';
import { TagsService } from '../tags/tags.service';
import { Client } from './client.entity';
import { clientListSpec } from './client-list.sql';
import {
  displayNameOf,
  toClientView,
  type BulkTagsCounts,
  type ClientRow,
  type ClientView,
  type PrimaryContact,
  type TagChip,
} from './client.view';
import {
  clientNameRule,
  type BulkTagsInput,
  type ClientFilter,
  type ClientSortField,
  type CreateClientInput,
  type UpdateClientInput,
} from './clients.schemas';
import { ClientsErrors } from './clients.errors';

export interface BulkTagsOutcome extends BulkTagsCounts {
  clientNames: string[];
  tagsAdded: string[];
  tagsRemoved: string[];
}

@Injectable()
export class ClientsService {
  constructor(
    private readonly em: EntityManager,
    private readonly tags: TagsService,
    private readonly playbookRuns: PlaybookRunWorkflows,
    private readonly files: ClientFilesService,
    private readonly store: FileStore,
  ) {}

  /**
   * One page and the total; on a large table the query form is chosen from a sample (see
   * sampledList), and a total above the exact limit is an estimate. `scope` keeps the clients
   * the caller may see (null: all of them).
   */
  async list(
    query: ListQuery<ClientFilter, ClientSortField>,
    scope: SqlCondition | null = null,
  ): Promise<Page<ClientView>> {
    const page = await sampledList<ClientRow>(
      this.em.getConnection(),
      clientListSpec(query, scope),
    );
    return { items: await this.withTags(page.rows), total: page.total, estimated: page.estimated };
  }

  async get(id: string): Promise<ClientView> {
    const rows = await this.em
      .getConnection()
      .execute<ClientRow[]>('select c.* from client c where c.id = ?', [id]);
    if (!rows[0]) throw notFound(id);
    const [view] = await this.withTags(rows);
    return view;
  }

  async create(input: CreateClientInput): Promise<ClientView> {
    const { tagIds = [], ...fields } = input;
    await this.assertTagsExist(tagIds);
    const client = this.em.create(Client, {
      ...fields,
      displayName: displayNameOf(fields),
      connectionStatus: fields.type === 'offline' ? 'offline' : 'not_connected',
    });
    client.tags.set(tagIds.map((id) => this.em.getReference(Tag, id)));
    await this.flush();
    // Tags added start tag playbooks (recorded by a trigger on client_tag).
    if (tagIds.length) await this.playbookRuns.kick();
    return this.get(client.id);
  }

  async update(id: string, input: UpdateClientInput): Promise<ClientView> {
    const client = await this.em.findOne(Client, id, { populate: ['tags'] });
    if (!client) throw notFound(id);
    const { tagIds, type, ...fields } = input;
    if (type !== undefined && type !== client.type) {
      invalidField('type', 'cannot be changed after the client is created');
    }
    this.em.assign(client, fields);
    if (!clientNameRule.check(client)) invalidField('firstName', clientNameRule.message);
    client.displayName = displayNameOf(client);
    if (tagIds) {
      await this.assertTagsExist(tagIds);
      client.tags.set(tagIds.map((tagId) => this.em.getReference(Tag, tagId)));
    }
    await this.flush();
    // Tags added start tag playbooks, tags removed cancel them (triggers on client_tag).
    if (tagIds) await this.playbookRuns.kick();
    return this.get(id);
  }

  async remove(id: string): Promise<ClientView> {
    const view = await this.get(id);
    const content = await this.files.storedFilesOfClient(id);
    // Its playbook runs go with it: their workflows are told to stop here, or no one would.
    const rows = await this.em
      .getConnection()
      .execute<{ workflow_id: string | null; temporal_run_id: string | null }[]>(
        deleteClientsWithRuns('delete from client where id = ? returning id'),
        [id],
      );
    await this.playbookRuns.stopDeleted(runWorkflowsOf(rows));
    // Its files went with it; their content goes unless another file or an import uses it.
    await this.store.release(content);
    return view;
  }

  /** Adds and removes tags on many clients in one transaction; unknown ids change nothing. */
  /** Also answers the clients' and tags' names, for the audit trail. */
  async bulkTags(input: BulkTagsInput): Promise<BulkTagsOutcome> {
    await this.assertTagsExist([...input.add, ...input.remove]);
    const ids = pgArray(input.ids);
    const result = await this.em.transactional(async (em) => {
      const conn = em.getConnection();
      const trx = em.getTransactionContext();
      const found = await conn.execute<{ id: string; display_name: string }[]>(
        'select id, display_name from client where id = any(?::uuid[]) order by id for update',
        [ids],
        'all',
        trx,
      );
      if (found.length !== new Set(input.ids).size) {
        const known = new Set(found.map((r) => r.id));
        const missing = input.ids.filter((i) => !known.has(i));
        throw ClientsErrors.CLIENT_NOT_FOUND(
          `ids: no client with id ${missing.slice(0, 5).join(', ')}${missing.length > 5 ? ` and ${missing.length - 5} more` : ''}`,
          { missing },
        );
      }
      const run = async (sql: string, params: unknown[]) =>
        (await conn.execute<{ affectedRows: number }>(sql, params, 'run', trx)).affectedRows;
      const added = input.add.length
        ? await run(
            `insert into client_tag (client_id, tag_id)
             select c, t from unnest(?::uuid[]) c cross join unnest(?::uuid[]) t
             on conflict do nothing`,
            [ids, pgArray(input.add)],
          )
        : 0;
      const removed = input.remove.length
        ? await run(
            'delete from client_tag where client_id = any(?::uuid[]) and tag_id = any(?::uuid[])',
            [ids, pgArray(input.remove)],
          )
        : 0;
      await run('update client set updated_at = now() where id = any(?::uuid[])', [ids]);
      const tags = await conn.execute<{ id: string; name: string }[]>(
        'select id, name from tag where id = any(?::uuid[]) order by lower(name)',
        [pgArray([...input.add, ...input.remove])],
        'all',
        trx,
      );
      const tagNames = (ids: string[]) => tags.filter((t) => ids.includes(t.id)).map((t) => t.name);
      return {
        updated: found.length,
        added,
        removed,
        clientNames: found.map((c) => c.display_name).sort((a, b) => a.localeCompare(b)),
        tagsAdded: tagNames(input.add),
        tagsRemoved: tagNames(input.remove),
      };
    });
    // Playbook runs started or cancelled by the change (triggers on client_tag).
    await this.playbookRuns.kick();
    return result;
  }
  /** Adds tag chips and the primary contact (with a pending invitation) to a page of rows. */
  private async withTags(rows: ClientRow[]): Promise<ClientView[]> {
    if (!rows.length) return [];
    const ids = pgArray(rows.map((r) => r.id));
    const conn = this.em.getConnection();
    const [chips, primaries] = await Promise.all([
      conn.execute<(TagChip & { client_id: string })[]>(
        `select ct.client_id, t.id, t.name, t.color from client_tag ct join tag t on t.id = ct.tag_id
         where ct.client_id = any(?::uuid[]) order by lower(t.name)`,
        [ids],
      ),
      conn.execute<(PrimaryContact & { client_id: string })[]>(
        `select cc.client_id, ct.id, ct.email, i.id as "invitationId"
         from client_contact cc join contact ct on ct.id = cc.contact_id
         left join invitation i on i.contact_id = ct.id and i.status = 'pending'
         where cc.is_primary and cc.client_id = any(?::uuid[])`,
        [ids],
      ),
    ]);
    const byClient = new Map<string, TagChip[]>();
    for (const { client_id, ...chip } of chips) {
      byClient.set(client_id, [...(byClient.get(client_id) ?? []), chip]);
    }
    const primaryOf = new Map(primaries.map(({ client_id, ...p }) => [client_id, p]));
    return rows.map((r) => toClientView(r, byClient.get(r.id) ?? [], primaryOf.get(r.id) ?? null));
  }

  private async assertTagsExist(tagIds: string[]): Promise<void> {
    const missing = await this.tags.missing([...new Set(tagIds)]);
    if (missing.length) {
      throw ClientsErrors.CLIENT_UNKNOWN_TAGS(`tagIds: no tag with id ${missing.join(', ')}`, {
        missing,
      });
    }
  }

  private async flush(): Promise<void> {
    try {
      await this.em.flush();
    } catch (e) {
      if (e instanceof UniqueConstraintViolationException) {
        this.em.clear();
        throw ClientsErrors.CLIENT_TAX_CLIENT_ID_TAKEN(
          'taxClientId: another standard client already has this Tax Client ID',
          [{ field: 'taxClientId', message: 'already used by another standard client' }],
        );
      }
      throw e;
    }
  }
}

const notFound = (id: string) => ClientsErrors.CLIENT_NOT_FOUND(`No client with id ${id}.`);
