import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import { TemporalService } from '../../../temporal/temporal.service';
import { FileRequestWorkflowsService } from './file-request-workflows.service';

const PAGE = 500;

/**
 * When the worker starts, every request still open in PostgreSQL gets a running workflow again
 * if it has none (Temporal's history lost or reset, a start that never happened): a request is
 * never left without reminders. Restarted workflows send nothing twice (emails are keyed).
 */
@Injectable()
export class FileRequestReconciler implements OnApplicationBootstrap {
  private readonly logger = new Logger(FileRequestReconciler.name);

  constructor(
    private readonly em: EntityManager,
    private readonly temporal: TemporalService,
    private readonly workflows: FileRequestWorkflowsService,
  ) {}

  onApplicationBootstrap(): void {
    // In the background: the worker must not wait for it to start polling.
    this.reconcile().catch((e: unknown) =>
      this.logger.warn(`Could not check file request workflows: ${String(e)}`),
    );
  }

  /** Returns how many workflows were started again. */
  async reconcile(): Promise<number> {
    const running = new Set<string>();
    const query = `WorkflowType = 'fileRequestWorkflow' AND ExecutionStatus = 'Running'`;
    for await (const run of this.temporal.client.workflow.list({ query })) {
      running.add(run.workflowId);
    }
    let restarted = 0;
    let after = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      const open = await this.em.getConnection().execute<{ id: string }[]>(
        `select id from file_request where status in ('open','uploaded') and id > ?
         order by id limit ?`,
        [after, PAGE],
      );
      for (const { id } of open) {
        if (running.has(this.workflows.workflowId(id))) continue;
        try {
          await this.workflows.start(id);
          restarted += 1;
        } catch (e) {
          // Started meanwhile (the list lags), or by another worker: that one stands.
          if (!(e instanceof WorkflowExecutionAlreadyStartedError)) throw e;
        }
      }
      if (open.length < PAGE) break;
      after = open[open.length - 1].id;
    }
    if (restarted) this.logger.warn(`Restarted ${restarted} file request workflow(s)`);
    return restarted;
  }
}
