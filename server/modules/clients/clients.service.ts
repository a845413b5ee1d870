import { EntityManager, UniqueConstraintViolationException } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import type { SqlCondition } from '../../common/access/access.service';
import type { Page } from '../../common/http/content-range';
import type { ListQuery } from '../../common/http/list-query';
import { invalidField } from '../../common/validation/parse-input';
import { SampledLists } from '../../database/sampled-lists.service';
import { sqlRunner, transactionRunner } from '../../database/sql-runner';
import { ClientFilesService } from '../client-files/client-files.service';
import { FileStore } from '../files/file-store.service';
import { PlaybookRunWorkflows } from '../playbooks/delivery/playbook-run-workflows.service';
import { runWorkflowsOf } from '../playbooks/delivery/playbook-triggers.repository';
import { Tag } from '../tags/tag.entity';
import { TagsService } from '../tags/tags.service';
import { Client } from './client.entity';
import { clientListSpec } from './client-list.repository';
import {
  addTagsToClients,
  deleteClient,
  findClientRow,
  findClientExtras,
  findTagNames,
  lockClientsForUpdate,
  removeTagsFromClients,
  touchClients,
} from './clients.repository';
import {
  displayNameOf,
  toClientView,
  type BulkTagsCounts,
  type ClientRow,
  type ClientView,
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
    private readonly lists: SampledLists,
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
    const page = await this.lists.page<ClientRow>(clientListSpec(query, scope));
    return { items: await this.withTags(page.rows), total: page.total, estimated: page.estimated };
  }

  async get(id: string): Promise<ClientView> {
    const row = await findClientRow(sqlRunner(this.em), id);
    if (!row) throw notFound(id);
    const [view] = await this.withTags([row]);
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
    const rows = await deleteClient(sqlRunner(this.em), id);
    await this.playbookRuns.stopDeleted(runWorkflowsOf(rows));
    // Its files went with it; their content goes unless another file or an import uses it.
    await this.store.release(content);
    return view;
  }

  /** Adds and removes tags on many clients in one transaction; unknown ids change nothing. */
  /** Also answers the clients' and tags' names, for the audit trail. */
  async bulkTags(input: BulkTagsInput): Promise<BulkTagsOutcome> {
    await this.assertTagsExist([...input.add, ...input.remove]);
    const ids = input.ids;
    const result = await this.em.transactional(async (em) => {
      const sql = transactionRunner(em);
      const found = await lockClientsForUpdate(sql, ids);
      if (found.length !== new Set(input.ids).size) {
        const known = new Set(found.map((r) => r.id));
        const missing = input.ids.filter((i) => !known.has(i));
        throw ClientsErrors.CLIENT_NOT_FOUND(
          `ids: no client with id ${missing.slice(0, 5).join(', ')}${missing.length > 5 ? ` and ${missing.length - 5} more` : ''}`,
          { missing },
        );
      }
      const added = input.add.length ? await addTagsToClients(sql, ids, input.add) : 0;
      const removed = input.remove.length ? await removeTagsFromClients(sql, ids, input.remove) : 0;
      await touchClients(sql, ids);
      const tags = await findTagNames(sql, [...input.add, ...input.remove]);
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
    const extras = await findClientExtras(
      sqlRunner(this.em),
      rows.map((r) => r.id),
    );
    const of = new Map(extras.map((e) => [e.client_id, e]));
    return rows.map((r) => {
      const { tags = [], primary = null } = of.get(r.id) ?? {};
      return toClientView(r, tags, primary);
    });
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
