import type { PlaybookStep, PlaybookTrigger, PlaybookTriggerType } from './playbooks.schemas';

/** A playbook's trigger as stored: one column each, so the trigger tag is a real reference. */
export interface TriggerColumns {
  trigger_type: PlaybookTriggerType;
  trigger_tag_id: string | null;
  trigger_month: number | null;
  trigger_day: number | null;
}

export interface PlaybookDefinition {
  name: string;
  enabled: boolean;
  trigger: PlaybookTrigger;
  steps: PlaybookStep[];
}

export function triggerOf(row: TriggerColumns): PlaybookTrigger {
  switch (row.trigger_type) {
    case 'tag_added':
      return { type: 'tag_added', tagId: row.trigger_tag_id! };
    case 'invitation_accepted':
      return { type: 'invitation_accepted' };
    case 'yearly':
      return {
        type: 'yearly',
        month: row.trigger_month!,
        day: row.trigger_day!,
        tagId: row.trigger_tag_id,
      };
  }
}

export function triggerColumns(trigger: PlaybookTrigger): TriggerColumns {
  return {
    trigger_type: trigger.type,
    trigger_tag_id: trigger.type === 'invitation_accepted' ? null : trigger.tagId,
    trigger_month: trigger.type === 'yearly' ? trigger.month : null,
    trigger_day: trigger.type === 'yearly' ? trigger.day : null,
  };
}

export const sameTrigger = (a: PlaybookTrigger, b: PlaybookTrigger) =>
  JSON.stringify(triggerColumns(a)) === JSON.stringify(triggerColumns(b));
