import type { PlaybookStep, PlaybookTrigger } from '../../types';

type Loose<T> = { [K in keyof T]?: unknown };

/** What the form holds: a step keeps the fields of types it had before, blanks are '' or null. */
export interface PlaybookFormValues {
  name?: string;
  enabled?: boolean;
  trigger?: Loose<{ type: string; tagId: string; month: number; day: number }>;
  steps?: Loose<{
    type: string;
    days: number;
    subject: string;
    body: string;
    templateId: string;
    dueInDays: number;
    tagId: string;
    message: string;
  }>[];
}

const text = (value: unknown) => (typeof value === 'string' ? value.trim() : '');
const id = (value: unknown) => (value === null || value === undefined ? '' : String(value));
const optionalId = (value: unknown) =>
  value === null || value === undefined || value === '' ? null : String(value);
const count = (value: unknown) =>
  value === null || value === undefined || value === '' ? null : Number(value);

const triggerBody = (trigger: PlaybookFormValues['trigger'] = {}): PlaybookTrigger => {
  switch (trigger.type) {
    case 'invitation_accepted':
      return { type: 'invitation_accepted' };
    case 'yearly':
      return {
        type: 'yearly',
        month: Number(trigger.month),
        day: Number(trigger.day),
        tagId: optionalId(trigger.tagId),
      };
    default:
      return { type: 'tag_added', tagId: id(trigger.tagId) };
  }
};

const stepBody = (step: NonNullable<PlaybookFormValues['steps']>[number]): PlaybookStep => {
  switch (step.type) {
    case 'send_email':
      return { type: 'send_email', subject: text(step.subject), body: text(step.body) };
    case 'file_request':
      return {
        type: 'file_request',
        templateId: id(step.templateId),
        dueInDays: count(step.dueInDays),
      };
    case 'add_tag':
    case 'remove_tag':
      return { type: step.type, tagId: id(step.tagId) };
    case 'notify_owner':
      return { type: 'notify_owner', message: text(step.message) };
    default:
      return { type: 'wait', days: Number(step.days) };
  }
};

/**
 * The form's values as the API takes them (it refuses unknown keys): each step and the trigger
 * with the fields of their type only; the read-only fields of an edited record left out.
 */
export const toPlaybookBody = (values: PlaybookFormValues) => ({
  name: text(values.name),
  enabled: values.enabled ?? true,
  trigger: triggerBody(values.trigger),
  steps: (values.steps ?? []).map(stepBody),
});
