import { Box, Chip, LinearProgress, Stack, Typography } from '@mui/material';
import type { ImportJob, ImportOutcome } from '../../types';
import { isImportActive, outcomesOf } from './import-choices';

const rows = (count: number) => (count === 1 ? '1 row' : `${count} rows`);

const progressText = (job: ImportJob) => {
  const { status, processed, total } = job;
  switch (status) {
    case 'queued':
      return 'Waiting for a worker to pick the import up…';
    case 'parsing':
      return 'Reading the file…';
    case 'processing':
      return `${processed} of ${rows(total)} processed`;
    case 'cancelling':
      return `Cancelling after ${processed} of ${rows(total)}…`;
    case 'cancelled':
      return `Cancelled after ${processed} of ${rows(total)}`;
    case 'failed':
      return processed ? `Stopped after ${processed} of ${rows(total)}` : 'No row was processed';
    case 'undoing':
      return 'Undoing the import…';
    case 'undone':
      return `${rows(processed)} processed, then undone`;
    case 'completed':
      return `${rows(processed)} processed`;
  }
};

/** Live progress while the workflow runs, and the outcome counters ("3 created") throughout. */
export const ImportProgress = ({ job }: { job: ImportJob }) => {
  const active = isImportActive(job.status);
  // Until the file is read (and while undoing) there is no row count to measure against.
  const measurable = job.total > 0 && job.status !== 'undoing';
  return (
    <Stack spacing={1.5}>
      {active && (
        <LinearProgress
          aria-label="Import progress"
          variant={measurable ? 'determinate' : 'indeterminate'}
          value={measurable ? (100 * job.processed) / job.total : undefined}
          sx={{ height: 8, borderRadius: 4 }}
        />
      )}
      <Box>
        <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
          {progressText(job)}
          {job.dryRun &&
            ' · dry run: the counts show what the import would do, nothing was changed'}
        </Typography>
        <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap' }}>
          {Object.entries(outcomesOf(job)).map(([outcome, { name, color }]) => {
            const count = job[outcome as ImportOutcome];
            return (
              <Chip
                key={outcome}
                label={`${count} ${name.toLowerCase()}`}
                color={count ? color : 'default'}
                variant={count ? 'filled' : 'outlined'}
              />
            );
          })}
        </Stack>
      </Box>
    </Stack>
  );
};
