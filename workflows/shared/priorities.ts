import type { Priority } from '@temporalio/common';

/**
 * Temporal task-queue priority: lower keys are dispatched first, unset is 3. A staff member's
 * single action overtakes every backlog; bulk work (bulk invites, campaigns, imports and the
 * workflows they start) waits behind everything else.
 */
export const INTERACTIVE_PRIORITY: Priority = { priorityKey: 1 };
export const BULK_PRIORITY: Priority = { priorityKey: 5 };
/**
 * A bulk invite's own workflow, at the default: its progress query and Stop wait for its next
 * workflow task, which must not queue behind the backlog of the per-contact workflows it starts.
 */
export const BULK_CONTROL_PRIORITY: Priority = { priorityKey: 3 };

export const priorityOf = (bulk: boolean): Priority =>
  bulk ? BULK_PRIORITY : INTERACTIVE_PRIORITY;
