import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { Context } from '@temporalio/activity';
import { sqlTransaction } from '../../server/database/sql-runner';
import { PlaybookRunWorkflows } from '../../server/modules/playbooks/delivery/playbook-run-workflows.service';
import { PlaybookStepRunner } from '../../server/modules/playbooks/delivery/playbook-step-runner.service';
import { recordYearlyRuns } from '../../server/modules/playbooks/delivery/playbook-triggers.repository';
import type {
  PlaybookRunActivities,
  PlaybookRunOutcome,
  PlaybookRunPlan,
  PlaybookStepResult,
} from '../../workflows/playbook/playbook-run.contract';
import type { PlaybookSyncActivities } from '../../workflows/playbook/playbook-sync.contract';
import type { PlaybookYearlyActivities } from '../../workflows/playbook/playbook-yearly.contract';

@Injectable()
export class PlaybookActivitiesImpl
  implements PlaybookRunActivities, PlaybookSyncActivities, PlaybookYearlyActivities
{
  constructor(
    private readonly em: EntityManager,
    private readonly steps: PlaybookStepRunner,
    private readonly runs: PlaybookRunWorkflows,
  ) {}

  loadPlaybookRun(runId: string): Promise<PlaybookRunPlan | null> {
    return this.steps.load(runId);
  }

  beginPlaybookWait(runId: string, step: number, wakeAt: string): Promise<PlaybookStepResult> {
    return this.steps.beginWait(runId, step, wakeAt);
  }

  runPlaybookStep(runId: string, step: number): Promise<PlaybookStepResult> {
    return this.steps.runStep(runId, step);
  }

  finishPlaybookRun(runId: string, outcome: PlaybookRunOutcome): Promise<void> {
    return this.steps.finish(runId, outcome);
  }

  syncPlaybookRuns(): Promise<{ started: number; signalled: number }> {
    const context = Context.current();
    return this.runs.sweep(() => context.heartbeat());
  }

  /** Resumable: runs recorded by an earlier attempt are not recorded twice, only started. */
  async startYearlyPlaybookRuns(playbookId: string, year: string): Promise<{ runs: number }> {
    const context = Context.current();
    const runs = await sqlTransaction(this.em, (sql) => recordYearlyRuns(sql, playbookId, year));
    await this.runs.sweep(() => context.heartbeat());
    return { runs };
  }
}
