import { z } from 'zod';
import { namedRefSchema, timestampField, workflowRefSchema } from '../../common/http/view-fields';
import { PLAYBOOK_STEP_TYPES } from '@workflows/playbook/playbook-run.contract';
import {
  PLAYBOOK_RUN_STATUSES,
  PLAYBOOK_TRIGGER_TYPES,
  playbookStepSchema,
  playbookTriggerSchema,
} from './playbooks.schemas';

const stepType = z.enum(PLAYBOOK_STEP_TYPES);

export const playbookViewSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  enabled: z.boolean(),
  trigger: playbookTriggerSchema,
  steps: z.array(playbookStepSchema),
  createdBy: namedRefSchema.nullable(),
  runCounts: z.record(z.enum(PLAYBOOK_RUN_STATUSES), z.number().int()),
  createdAt: timestampField,
  updatedAt: timestampField,
});
export type PlaybookView = z.infer<typeof playbookViewSchema>;

/** One line of a run's timeline, written by the step that did (or skipped) it. */
export const playbookRunLogEntrySchema = z.object({
  step: z.number().int(),
  type: stepType,
  outcome: z.enum(['done', 'skipped', 'waiting', 'failed']),
  detail: z.string(),
  at: timestampField,
});
export type PlaybookRunLogEntry = z.infer<typeof playbookRunLogEntrySchema>;

export const playbookRunViewSchema = z.object({
  id: z.uuid(),
  playbookId: z.uuid().nullable(),
  playbookName: z.string(),
  clientId: z.uuid(),
  clientName: z.string(),
  trigger: z.enum(PLAYBOOK_TRIGGER_TYPES),
  /** The year of a yearly run. */
  year: z.string().nullable(),
  status: z.enum(PLAYBOOK_RUN_STATUSES),
  currentStep: z.object({ index: z.number().int(), type: stepType }).nullable(),
  stepCount: z.number().int(),
  /** While waiting: when the wait ends. */
  wakeAt: timestampField.nullable(),
  error: z.string().nullable(),
  cancelReason: z.string().nullable(),
  log: z.array(playbookRunLogEntrySchema),
  startedAt: timestampField,
  finishedAt: timestampField.nullable(),
  workflowId: z.string().nullable(),
});
export type PlaybookRunView = z.infer<typeof playbookRunViewSchema>;

export const playbookRunDetailViewSchema = playbookRunViewSchema.extend({
  /** The steps as they were when the run started. */
  steps: z.array(playbookStepSchema),
  workflow: workflowRefSchema
    .extend({
      /** The workflow's answer to its status query; null if Temporal did not answer. */
      status: z
        .object({
          state: z.enum([
            'starting',
            'waiting',
            'running_step',
            'completed',
            'cancelled',
            'stopped',
            'failed',
          ]),
          stepIndex: z.number().int().nullable(),
          stepType: stepType.nullable(),
          stepCount: z.number().int(),
          nextWakeAt: timestampField.nullable(),
        })
        .nullable(),
    })
    .nullable(),
});
export type PlaybookRunDetailView = z.infer<typeof playbookRunDetailViewSchema>;
