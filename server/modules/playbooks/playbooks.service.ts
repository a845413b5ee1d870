import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { isUniqueViolation } from '../../database/unique-violation';
import { sqlRunner, sqlTransaction, type SqlRunner } from '../../database/sql-runner';
import { PlaybookRunWorkflows } from './delivery/playbook-run-workflows.service';
import { PlaybookSchedules } from './delivery/playbook-schedules.service';
import { cancelPlaybookRuns } from './delivery/playbook-triggers.repository';
import {
  sameTrigger,
  triggerColumns,
  triggerOf,
  type PlaybookDefinition,
} from './playbook-definition';
import { assertReferences } from './playbook-references';
import { cancelRunningRun, findRunStatus } from './playbook-runs.repository';
import { PlaybooksErrors, playbookNotFound, runNotFound } from './playbooks.errors';
import {
  deletePlaybook,
  insertPlaybook,
  lockPlaybook,
  updatePlaybook,
  type StoredPlaybook,
} from './playbooks.repository';
import type { CreatePlaybookInput, UpdatePlaybookInput } from './playbooks.schemas';

/**
 * Saving playbooks. Disabling or deleting one, or changing its trigger, cancels its runs under
 * way (their workflows are told after the commit); editing its steps changes later runs only
 * (a run follows the steps it started with). Enabling a playbook does not look back: a tag
 * playbook runs for tags added from then on.
 */
@Injectable()
export class PlaybooksService {
  constructor(
    private readonly em: EntityManager,
    private readonly schedules: PlaybookSchedules,
    private readonly runs: PlaybookRunWorkflows,
  ) {}

  async create(input: CreatePlaybookInput, staffId: string): Promise<string> {
    const id = await this.named(input.name, () =>
      sqlTransaction(this.em, async (sql) => {
        await assertReferences(sql, input.trigger, input.steps);
        return insertPlaybook(sql, stored(input), staffId);
      }),
    );
    await this.schedules.trySync({ id, enabled: input.enabled, trigger: input.trigger });
    return id;
  }

  async update(id: string, input: UpdatePlaybookInput): Promise<void> {
    const next = await this.named(input.name ?? '', () =>
      sqlTransaction(this.em, async (sql) => {
        const current = await this.lock(sql, id);
        const next: PlaybookDefinition = {
          name: input.name ?? current.name,
          enabled: input.enabled ?? current.enabled,
          trigger: input.trigger ?? current.trigger,
          steps: input.steps ?? current.steps,
        };
        await assertReferences(sql, next.trigger, next.steps);
        await updatePlaybook(sql, id, stored(next));
        // Runs started by a trigger that no longer applies would not be cancelled by it either.
        const reason =
          current.enabled && !next.enabled
            ? 'The playbook was disabled'
            : !sameTrigger(current.trigger, next.trigger)
              ? "The playbook's trigger changed"
              : null;
        if (reason) await cancelPlaybookRuns(sql, id, reason);
        return next;
      }),
    );
    await this.schedules.trySync({ id, enabled: next.enabled, trigger: next.trigger });
    await this.runs.kick();
  }

  async remove(id: string): Promise<void> {
    await sqlTransaction(this.em, async (sql) => {
      await this.lock(sql, id);
      // The runs stay, without their playbook, for the record.
      await cancelPlaybookRuns(sql, id, 'The playbook was deleted');
      await deletePlaybook(sql, id);
    });
    await this.schedules.trySync({ id, deleted: true });
    await this.runs.kick();
  }

  async cancelRun(runId: string, staffEmail: string): Promise<void> {
    const sql = sqlRunner(this.em);
    if (!(await cancelRunningRun(sql, runId, `Cancelled by ${staffEmail}`))) {
      const status = await findRunStatus(sql, runId);
      if (!status) throw runNotFound(runId);
      throw PlaybooksErrors.PLAYBOOK_RUN_ENDED(`The run is ${status}.`);
    }
    await this.runs.kick();
  }

  private async lock(sql: SqlRunner, id: string): Promise<PlaybookDefinition> {
    const row = await lockPlaybook(sql, id);
    if (!row) throw playbookNotFound(id);
    return { name: row.name, enabled: row.enabled, trigger: triggerOf(row), steps: row.steps };
  }

  private async named<T>(name: string, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (e) {
      if (isUniqueViolation(e)) {
        throw PlaybooksErrors.PLAYBOOK_NAME_TAKEN(
          `name: a playbook named "${name}" already exists`,
          [{ field: 'name', message: 'already exists' }],
        );
      }
      throw e;
    }
  }
}

const stored = (p: PlaybookDefinition): StoredPlaybook => ({
  name: p.name,
  enabled: p.enabled,
  ...triggerColumns(p.trigger),
  steps: p.steps,
});
