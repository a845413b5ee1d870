import { Injectable } from '@nestjs/common';
import type { PlaybookStepResult } from '@workflows/playbook/playbook-run.contract';
import type { SqlRunner } from '@server/database/sql-runner';
import {
  addClientTag,
  findTagName,
  removeClientTag,
  touchClient,
} from '../playbook-step-actions.repository';
import { PlaybookRunWorkflows } from '../playbook-run-workflows.service';
import { StepFailure, type LockedRun, type StepHandler, type StepSpec } from '../playbook-step';
import { TransactionalStepRunner } from './transactional-step-runner.service';

type TagStep = StepSpec<'add_tag' | 'remove_tag'>;

/** How the run's log and the audit trail tell each change (made, or nothing to do). */
const WORDS = {
  add_tag: {
    changed: 'Tagged',
    unchanged: 'Already tagged',
    action: 'playbook_run.tag_added',
    did: 'added tag',
  },
  remove_tag: {
    changed: 'Removed tag',
    unchanged: 'Did not have tag',
    action: 'playbook_run.tag_removed',
    did: 'removed tag',
  },
} satisfies Record<TagStep['type'], Record<string, string>>;

/** `add_tag` and `remove_tag`: the client's tags, as a staff member's edit would change them. */
@Injectable()
export class TagStepHandler implements StepHandler<'add_tag' | 'remove_tag'> {
  constructor(
    private readonly steps: TransactionalStepRunner,
    private readonly runs: PlaybookRunWorkflows,
  ) {}

  run(runId: string, step: number, spec: TagStep): Promise<PlaybookStepResult> {
    return this.steps.run(runId, step, spec.type, async (sql, run) => {
      const tagName = await findTagName(sql, spec.tagId);
      if (tagName === undefined) throw new StepFailure('The tag of this step no longer exists');
      const changed = await changeTag(sql, run, spec);
      // A tag change is an edit of the client (as the bulk tag action counts it).
      if (changed) await touchClient(sql, run.client_id);
      const words = WORDS[spec.type];
      return {
        note: {
          outcome: 'done',
          detail: `${changed ? words.changed : words.unchanged} ${tagName}`,
        },
        audit: changed
          ? { action: words.action, did: `${words.did} ${tagName}`, detail: { tagId: spec.tagId } }
          : null,
        // It may have started or cancelled runs (this playbook's or others').
        afterCommit: () => this.runs.kick(),
      };
    });
  }
}

/** Whether the client's tags changed. */
async function changeTag(sql: SqlRunner, run: LockedRun, spec: TagStep): Promise<boolean> {
  if (spec.type === 'add_tag') return addClientTag(sql, run.client_id, spec.tagId);
  // The removal cancels other runs triggered by this tag, not this one (a "clean up" last step).
  return removeClientTag(sql, run.id, run.client_id, spec.tagId);
}
