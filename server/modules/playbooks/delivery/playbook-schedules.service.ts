import { Injectable, Logger } from '@nestjs/common';
import {
  MONTHS,
  ScheduleAlreadyRunning,
  ScheduleNotFoundError,
  ScheduleOverlapPolicy,
} from '@temporalio/client';
import type { ScheduledStartOf } from '@server/temporal/registered-workflows';
import { TemporalService } from '@server/temporal/temporal.service';
import {
  playbookScheduleId,
  playbookYearlyWorkflowId,
} from '@workflows/playbook/playbook-yearly.contract';
import { monthName, type PlaybookTrigger } from '../playbooks.schemas';

export interface ScheduledPlaybook {
  id: string;
  enabled: boolean;
  trigger: PlaybookTrigger;
}

/**
 * A yearly playbook has a Temporal Schedule that starts `playbookYearlyWorkflow` on its date
 * (00:00 UTC); a disabled one keeps it paused, any other trigger has none. The workflow checks
 * the playbook again, so a schedule that lags behind the database starts nothing wrong.
 */
@Injectable()
export class PlaybookSchedules {
  private readonly logger = new Logger(PlaybookSchedules.name);

  constructor(private readonly temporal: TemporalService) {}

  scheduleId(playbookId: string): string {
    return playbookScheduleId(this.temporal.taskQueue, playbookId);
  }

  /** Best effort after a change: a failure is logged; the worker syncs every schedule each minute. */
  async trySync(playbook: ScheduledPlaybook | { id: string; deleted: true }): Promise<void> {
    try {
      if ('deleted' in playbook) await this.remove(playbook.id);
      else await this.sync(playbook);
    } catch (e) {
      this.logger.warn(`Schedule of playbook ${playbook.id} not updated: ${String(e)}`);
    }
  }

  async sync(playbook: ScheduledPlaybook): Promise<void> {
    const { trigger } = playbook;
    if (trigger.type !== 'yearly') return this.remove(playbook.id);
    const definition = {
      spec: {
        calendars: [
          {
            month: MONTHS[trigger.month - 1],
            dayOfMonth: trigger.day,
            hour: 0,
            comment: `Every year on ${monthName(trigger.month)} ${trigger.day} (UTC)`,
          },
        ],
      },
      action: {
        type: 'startWorkflow',
        workflowType: 'playbookYearlyWorkflow',
        args: [playbook.id],
        taskQueue: this.temporal.taskQueue,
        workflowId: playbookYearlyWorkflowId(playbook.id),
      } satisfies ScheduledStartOf<'playbookYearlyWorkflow'>,
      policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '7 days' as const },
      state: {
        paused: !playbook.enabled,
        note: playbook.enabled ? 'Playbook enabled' : 'Playbook disabled',
      },
    };
    try {
      await this.temporal.client.schedule.create({
        scheduleId: this.scheduleId(playbook.id),
        ...definition,
      });
    } catch (e) {
      if (!(e instanceof ScheduleAlreadyRunning)) throw e;
      await this.temporal.client.schedule
        .getHandle(this.scheduleId(playbook.id))
        .update(() => definition);
    }
  }

  async remove(playbookId: string): Promise<void> {
    try {
      await this.temporal.client.schedule.getHandle(this.scheduleId(playbookId)).delete();
    } catch (e) {
      if (!(e instanceof ScheduleNotFoundError)) throw e;
    }
  }

  /** Ids of this task queue's playbook schedules, to find those whose playbook is gone. */
  async existingPlaybookIds(): Promise<string[]> {
    const prefix = this.scheduleId('');
    const ids: string[] = [];
    for await (const schedule of this.temporal.client.schedule.list()) {
      if (schedule.scheduleId.startsWith(prefix)) {
        ids.push(schedule.scheduleId.slice(prefix.length));
      }
    }
    return ids;
  }
}
