import CancelOutlinedIcon from '@mui/icons-material/CancelOutlined';
import UndoIcon from '@mui/icons-material/Undo';
import { Box, Button, Stack, Tooltip } from '@mui/material';
import { useState } from 'react';
import { Confirm, useCanAccess } from 'react-admin';
import { importDownloads } from '../../providers/data-provider';
import type { ImportJob } from '../../types';
import { DownloadButton } from './download-button';
import { isImportActive, isImportRunning } from './import-choices';
import { useImportAction } from './use-import-action';

const CancelImportButton = ({ job }: { job: ImportJob }) => {
  const { run, isPending } = useImportAction();
  return (
    <Button
      variant="outlined"
      color="error"
      startIcon={<CancelOutlinedIcon />}
      disabled={isPending || job.status === 'cancelling'}
      onClick={() => run(job, 'cancel')}
    >
      Cancel import
    </Button>
  );
};

const undoBlocker = (job: ImportJob) => {
  if (job.dryRun) return 'A dry run changed nothing, so there is nothing to undo.';
  if (job.status === 'undone') return 'This import has already been undone.';
  if (job.created + job.updated === 0) return 'This import created and changed no client.';
  return undefined;
};

const clients = (count: number) => (count === 1 ? '1 client' : `${count} clients`);

const undoExplanation = ({ created, updated }: ImportJob) => {
  const effects = [
    created > 0 && `deletes the ${clients(created)} this import created`,
    updated > 0 && `restores the fields it changed on ${clients(updated)}`,
  ].filter(Boolean);
  return (
    `Undo ${effects.join(' and ')}. Clients edited since the import are left as they are ` +
    'and listed in the undo report.'
  );
};

const UndoImportButton = ({ job }: { job: ImportJob }) => {
  const [open, setOpen] = useState(false);
  const { run, isPending } = useImportAction();
  const blocker = undoBlocker(job);
  return (
    <>
      <Tooltip title={blocker ?? ''}>
        {/* A disabled button fires no events: the span lets the tooltip say why. */}
        <Box component="span">
          <Button
            variant="outlined"
            color="warning"
            startIcon={<UndoIcon />}
            disabled={Boolean(blocker) || isPending}
            onClick={() => setOpen(true)}
          >
            Undo import
          </Button>
        </Box>
      </Tooltip>
      <Confirm
        isOpen={open}
        loading={isPending}
        title={`Undo the import of ${job.fileName}?`}
        content={undoExplanation(job)}
        confirm="Undo import"
        confirmColor="warning"
        ConfirmIcon={UndoIcon}
        onClose={() => setOpen(false)}
        onConfirm={async () => {
          if (await run(job, 'undo')) setOpen(false);
        }}
      />
    </>
  );
};

/** What can be done with the job now: cancel it while it runs; afterwards, reports and undo. */
export const ImportActions = ({ job }: { job: ImportJob }) => {
  const { canAccess: canCancel } = useCanAccess({ resource: 'imports', action: 'cancel' });
  const { canAccess: canUndo } = useCanAccess({ resource: 'imports', action: 'undo' });
  const finished = !isImportActive(job.status);
  const cancellable = isImportRunning(job.status) || job.status === 'cancelling';
  const hasReport = finished && job.failed > 0;
  if (!(canCancel && cancellable) && !hasReport && !(canUndo && finished)) return null;

  return (
    <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap' }}>
      {canCancel && cancellable && <CancelImportButton job={job} />}
      {hasReport && (
        <>
          <DownloadButton
            href={importDownloads.exceptionReport(job.id, 'xlsx')}
            label="Download exception report (Excel)"
          />
          <DownloadButton
            href={importDownloads.exceptionReport(job.id, 'csv')}
            label="Download exception report (CSV)"
          />
        </>
      )}
      {canUndo && finished && <UndoImportButton job={job} />}
    </Stack>
  );
};
