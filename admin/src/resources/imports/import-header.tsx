import { Box, Chip, Stack, Typography } from '@mui/material';
import { WorkflowLink } from '../../components/workflow-link';
import { useFirmTime } from '../../shared/firm-time';
import type { ImportJob } from '../../types';
import { importModes } from './import-choices';
import { ImportStatusField } from './import-status-field';

export const ImportHeader = ({ job }: { job: ImportJob }) => {
  const when = useFirmTime();
  return (
    <Stack
      direction={{ xs: 'column', sm: 'row' }}
      spacing={2}
      sx={{ justifyContent: 'space-between', alignItems: { sm: 'flex-start' } }}
    >
      <Box sx={{ minWidth: 0 }}>
        <Stack
          direction="row"
          spacing={1}
          useFlexGap
          sx={{ alignItems: 'center', flexWrap: 'wrap' }}
        >
          <Typography variant="h5" component="h2" sx={{ wordBreak: 'break-all' }}>
            {job.fileName}
          </Typography>
          <ImportStatusField />
          {job.dryRun && <Chip size="small" variant="outlined" color="info" label="Dry run" />}
        </Stack>
        <Typography variant="body2" color="text.secondary" sx={{ mt: 0.5 }}>
          {importModes[job.mode]?.name ?? job.mode} · started {when(job.createdAt)}
          {job.createdBy && ` by ${job.createdBy.email}`}
          {job.finishedAt && ` · finished ${when(job.finishedAt)}`}
        </Typography>
      </Box>
      <Stack spacing={0.5} sx={{ alignItems: { sm: 'flex-end' }, flexShrink: 0 }}>
        <WorkflowLink href={job.workflowUrl} label="View workflow in Temporal" />
        {job.undoWorkflowUrl && (
          <WorkflowLink href={job.undoWorkflowUrl} label="View undo workflow in Temporal" />
        )}
      </Stack>
    </Stack>
  );
};
