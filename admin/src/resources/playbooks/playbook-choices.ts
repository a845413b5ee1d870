import type { ChipProps } from '@mui/material';
import type { PlaybookRunStatusName, PlaybookStepType, PlaybookTriggerType } from '../../types';

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

export const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

export const monthChoices = MONTH_NAMES.map((name, index) => ({ id: index + 1, name }));

// The API's rule: a yearly date must exist every year, so February stops at 28.
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
export const daysInMonth = (month: number) => DAYS_IN_MONTH[month - 1] ?? 31;

/** The merge fields the API knows (server/modules/email/markdown-email.renderer.ts). */
export const MERGE_FIELDS = [
  'firstName',
  'lastName',
  'fullName',
  'email',
  'clientName',
  'firmName',
] as const;

/** Where the merge fields' values come from, for the help next to an email body. */
export const mergeFieldHelp = `Markdown. Merge fields: ${MERGE_FIELDS.map((f) => `{{${f}}}`).join(
  ' ',
)}. The first four are the client's primary contact's.`;

const FIELD = /\{\{\s*([A-Za-z]+)\s*\}\}/g;

/** Same check as the API's, so a typo is caught before saving. */
export const knownMergeFields = (value: unknown) => {
  if (typeof value !== 'string') return undefined;
  const known = new Set<string>(MERGE_FIELDS);
  const unknown = [...new Set([...value.matchAll(FIELD)].map((m) => m[1]))].filter(
    (field) => !known.has(field),
  );
  return unknown.length
    ? `Unknown merge field ${unknown.map((f) => `{{${f}}}`).join(', ')}`
    : undefined;
};

export const MAX_STEPS = 20;

export const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
