import { MERGE_FIELDS, unknownMergeFields } from '@server/modules/email/merge-fields';
import { DAYS_IN_MONTH, MONTH_NAMES } from '@server/modules/playbooks/yearly-date';
import type { ChipProps } from '@mui/material';
import type { PlaybookRunStatusName, PlaybookStepType, PlaybookTriggerType } from '../../types';

export { MONTH_NAMES };

// Human labels (and chip colours) for the API's playbook enums.

export const triggerTypeChoices: { id: PlaybookTriggerType; name: string }[] = [
  { id: 'tag_added', name: 'A tag is added to a client' },
  { id: 'invitation_accepted', name: 'A contact accepts the portal invitation' },
  { id: 'yearly', name: 'Every year on a date' },
];

export const stepTypeNames: Record<PlaybookStepType, string> = {
  wait: 'Wait',
  send_email: 'Send an email',
  file_request: 'Request files',
  add_tag: 'Add a tag',
  remove_tag: 'Remove a tag',
  notify_owner: "Notify the client's owner",
};

export const stepTypeChoices = Object.entries(stepTypeNames).map(([id, name]) => ({ id, name }));

export const runStatuses: Record<
  PlaybookRunStatusName,
  { name: string; color: ChipProps['color'] }
> = {
  running: { name: 'Running', color: 'info' },
  completed: { name: 'Completed', color: 'success' },
  cancelled: { name: 'Cancelled', color: 'default' },
  failed: { name: 'Failed', color: 'error' },
};

export const monthChoices = MONTH_NAMES.map((name, index) => ({ id: index + 1, name }));

export const daysInMonth = (month: number) => DAYS_IN_MONTH[month - 1] ?? 31;

/** Where the merge fields' values come from, for the help next to an email body. */
export const mergeFieldHelp = `Markdown. Merge fields: ${MERGE_FIELDS.map((f) => `{{${f}}}`).join(
  ' ',
)}. The first four are the client's primary contact's.`;

/** Same check as the API's, so a typo is caught before saving. */
export const knownMergeFields = (value: unknown) => {
  const unknown = typeof value === 'string' ? unknownMergeFields(value) : [];
  return unknown.length
    ? `Unknown merge field ${unknown.map((f) => `{{${f}}}`).join(', ')}`
    : undefined;
};

export const MAX_STEPS = 20;

export const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
