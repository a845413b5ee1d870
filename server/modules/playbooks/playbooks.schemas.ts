import { z } from 'zod';
import { isOneLine, ONE_LINE_MESSAGE, oneOrMany } from '../../common/validation/schema-helpers';
import { mergeText } from '../email/merge-text.schema';
import { DAYS_IN_MONTH, MONTH_NAMES } from './yearly-date';
import { dueInDaysSchema } from '../request-templates/request-templates.schemas';

export const PLAYBOOK_TRIGGER_TYPES = ['tag_added', 'invitation_accepted', 'yearly'] as const;
export type PlaybookTriggerType = (typeof PLAYBOOK_TRIGGER_TYPES)[number];
export const PLAYBOOK_RUN_STATUSES = ['running', 'completed', 'cancelled', 'failed'] as const;
export type PlaybookRunStatusName = (typeof PLAYBOOK_RUN_STATUSES)[number];

export const MAX_STEPS = 20;
export const playbookTriggerSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('tag_added'), tagId: z.uuid({ message: 'must be a tag id' }) }),
  z.strictObject({ type: z.literal('invitation_accepted') }),
  z
    .strictObject({
      type: z.literal('yearly'),
      month: z.number().int().min(1, 'must be 1 to 12').max(12, 'must be 1 to 12'),
      day: z.number().int().min(1, 'must be 1 to 31').max(31, 'must be 1 to 31'),
      /** Only clients with this tag; none: every client. */
      tagId: z
        .uuid({ message: 'must be a tag id' })
        .nullish()
        .transform((v) => v ?? null),
    })
    .refine((t) => t.day <= DAYS_IN_MONTH[t.month - 1], {
      path: ['day'],
      message: 'is not a day of that month in every year (February has 28)',
    }),
]);
export type PlaybookTrigger = z.infer<typeof playbookTriggerSchema>;

export const playbookStepSchema = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('wait'),
    days: z
      .number()
      .int('must be a whole number of days')
      .min(1, 'must be at least 1 day')
      .max(3650, 'must be at most 3650 days'),
  }),
  z.strictObject({
    type: z.literal('send_email'),
    subject: mergeText(200).refine(isOneLine, { message: ONE_LINE_MESSAGE }),
    body: mergeText(20_000),
  }),
  z.strictObject({
    type: z.literal('file_request'),
    templateId: z.uuid({ message: 'must be a request template id' }),
    /** Overrides the template's due date offset. */
    dueInDays: dueInDaysSchema.nullish().transform((v) => v ?? null),
  }),
  z.strictObject({ type: z.literal('add_tag'), tagId: z.uuid({ message: 'must be a tag id' }) }),
  z.strictObject({ type: z.literal('remove_tag'), tagId: z.uuid({ message: 'must be a tag id' }) }),
  z.strictObject({ type: z.literal('notify_owner'), message: mergeText(5000) }),
]);
export type PlaybookStep = z.infer<typeof playbookStepSchema>;

const fields = {
  name: z.string().trim().min(1, 'is required').max(100),
  enabled: z.boolean(),
  trigger: playbookTriggerSchema,
  steps: z
    .array(playbookStepSchema)
    .min(1, 'add at least one step')
    .max(MAX_STEPS, `at most ${MAX_STEPS} steps`),
};

export const createPlaybookSchema = z.strictObject({
  ...fields,
  enabled: fields.enabled.default(true),
});
export type CreatePlaybookInput = z.infer<typeof createPlaybookSchema>;

/** Partial; the read-only fields the API returns are accepted and ignored (react-admin sends whole records). */
export const updatePlaybookSchema = z
  .strictObject({
    ...z.object(fields).partial().shape,
    id: z.unknown().optional(),
    createdBy: z.unknown().optional(),
    runCounts: z.unknown().optional(),
    createdAt: z.unknown().optional(),
    updatedAt: z.unknown().optional(),
  })
  .transform(
    ({ id: _i, createdBy: _c, runCounts: _r, createdAt: _ca, updatedAt: _ua, ...rest }) => rest,
  );
export type UpdatePlaybookInput = z.infer<typeof updatePlaybookSchema>;

export const playbookFilterSchema = z.strictObject({
  q: z.string().trim().max(200).optional(),
  enabled: z.boolean().optional(),
  triggerType: oneOrMany(PLAYBOOK_TRIGGER_TYPES).optional(),
  id: z.array(z.uuid()).max(1000).optional(),
});
export type PlaybookFilter = z.infer<typeof playbookFilterSchema>;

export const PLAYBOOK_SORTABLE = ['name', 'createdAt', 'updatedAt', 'enabled'] as const;
export type PlaybookSortField = (typeof PLAYBOOK_SORTABLE)[number];

export const playbookRunFilterSchema = z.strictObject({
  status: oneOrMany(PLAYBOOK_RUN_STATUSES).optional(),
  clientId: z.uuid().optional(),
  playbookId: z.uuid().optional(),
  id: z.array(z.uuid()).max(1000).optional(),
});
export type PlaybookRunFilter = z.infer<typeof playbookRunFilterSchema>;

export const PLAYBOOK_RUN_SORTABLE = ['startedAt', 'finishedAt', 'status'] as const;
export type PlaybookRunSortField = (typeof PLAYBOOK_RUN_SORTABLE)[number];

export const emptyBodySchema = z.strictObject({});

export const monthName = (month: number) => MONTH_NAMES[month - 1];
