import type { ChipProps } from '@mui/material';
import type { ImportMode, ImportOutcome, ImportStatus } from '../../types';

// Human labels (and chip colours) for the API's import enums.
interface Label {
  name: string;
  color: ChipProps['color'];
}

export const importStatuses: Record<ImportStatus, Label> = {
  queued: { name: 'Queued', color: 'default' },
  parsing: { name: 'Reading file', color: 'info' },
  processing: { name: 'Processing', color: 'info' },
  completed: { name: 'Completed', color: 'success' },
  failed: { name: 'Failed', color: 'error' },
  cancelling: { name: 'Cancelling', color: 'warning' },
  cancelled: { name: 'Cancelled', color: 'warning' },
  undoing: { name: 'Undoing', color: 'secondary' },
  undone: { name: 'Undone', color: 'default' },
};

export const importStatusChoices = Object.entries(importStatuses).map(([id, { name }]) => ({
  id,
  name,
}));

/** The import itself is under way, so it can still be cancelled. */
export const isImportRunning = (status: ImportStatus) =>
  status === 'queued' || status === 'parsing' || status === 'processing';

/** The workflow is still moving the job on, so the console keeps polling it. */
export const isImportActive = (status: ImportStatus) =>
  isImportRunning(status) || status === 'cancelling' || status === 'undoing';

export const importModes: Record<ImportMode, { name: string; description: string }> = {
  upsert: {
    name: 'Create or update',
    description: 'Adds new clients and updates the ones that already exist.',
  },
  create: {
    name: 'Create only',
    description: 'Adds new clients; rows that match an existing client are rejected.',
  },
  update: {
    name: 'Update only',
    description: 'Changes existing clients; rows that match no client are rejected.',
  },
};

export const importModeChoices = Object.entries(importModes).map(([id, { name }]) => ({
  id,
  name,
}));

export const rowOutcomes: Record<ImportOutcome, Label> = {
  created: { name: 'Created', color: 'success' },
  updated: { name: 'Updated', color: 'info' },
  unchanged: { name: 'Unchanged', color: 'default' },
  failed: { name: 'Failed', color: 'error' },
};

/** A dry run changed nothing: its rows say what the import would do. */
const dryRunOutcomes: Record<ImportOutcome, Label> = {
  ...rowOutcomes,
  created: { name: 'Would create', color: 'success' },
  updated: { name: 'Would update', color: 'info' },
};

export const outcomesOf = (job: { dryRun: boolean }) => (job.dryRun ? dryRunOutcomes : rowOutcomes);
