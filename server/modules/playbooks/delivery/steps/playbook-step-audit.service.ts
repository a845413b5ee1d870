import { Injectable } from '@nestjs/common';
import { AuditService, type AuditEntry } from '@server/common/audit/audit.service';
import type { LockedRun } from '../playbook-step';

/** What a step did on the client, for the audit trail (recorded after the commit). */
export type StepAudit = Pick<AuditEntry, 'action' | 'detail'> & { did: string };

/** An automated action on the client, in the audit trail as the system's. */
@Injectable()
export class PlaybookStepAudit {
  constructor(private readonly audit: AuditService) {}

  async record(run: LockedRun, step: number, entry: StepAudit): Promise<void> {
    await this.audit.record(
      { actor: { kind: 'system' } },
      {
        action: entry.action,
        summary: `Playbook "${run.playbook_name}" ${entry.did} (run ${run.id}, step ${step + 1})`,
        targetType: 'playbook_run',
        targetId: run.id,
        clientId: run.client_id,
        detail: { playbookId: run.playbook_id, step, ...entry.detail },
      },
    );
  }
}
