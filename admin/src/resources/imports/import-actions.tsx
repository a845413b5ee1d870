import type { SvgIconComponent } from '@mui/icons-material';
import CancelOutlinedIcon from '@mui/icons-material/CancelOutlined';
import OpenInBrowserIcon from '@mui/icons-material/OpenInBrowser';
import PlayArrowIcon from '@mui/icons-material/PlayArrow';
import UndoIcon from '@mui/icons-material/Undo';
import { Box, Button, type ButtonProps, Stack, Tooltip } from '@mui/material';
import { useState } from 'react';
import { Confirm, Link, useCanAccess, useCreatePath } from 'react-admin';
import { type ImportAction, importDownloads } from '../../providers/data-provider';
import type { ImportJob } from '../../types';
import { DownloadButton } from '../../components/download-button';
import { importModes, isImportActive, isImportRunning } from './import-choices';
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

interface ConfirmedActionButtonProps {
  job: ImportJob;
  action: ImportAction;
  label: string;
  icon: SvgIconComponent;
  color: NonNullable<ButtonProps['color']>;
  variant?: ButtonProps['variant'];
  title: string;
  content: string;
  /** Why the action cannot be taken now: the button is disabled and its tooltip says so. */
  blocker?: string;
}

/** An action that changes clients: asked for, then confirmed in a dialog saying what it does. */
const ConfirmedActionButton = ({
  job,
  action,
  label,
  icon: Icon,
  color,
  variant = 'outlined',
  title,
  content,
  blocker,
}: ConfirmedActionButtonProps) => {
  const [open, setOpen] = useState(false);
  const { run, isPending } = useImportAction();
  return (
    <>
      <Tooltip title={blocker ?? ''}>
        {/* A disabled button fires no events: the span lets the tooltip say why. */}
        <Box component="span">
          <Button
            variant={variant}
            color={color}
            startIcon={<Icon />}
            disabled={Boolean(blocker) || isPending}
            onClick={() => setOpen(true)}
          >
            {label}
          </Button>
        </Box>
      </Tooltip>
      <Confirm
        isOpen={open}
        loading={isPending}
        title={title}
        content={content}
        confirm={label}
        confirmColor={color === 'warning' ? 'warning' : 'primary'}
        ConfirmIcon={Icon}
        onClose={() => setOpen(false)}
        onConfirm={async () => {
          if (await run(job, action)) setOpen(false);
        }}
      />
    </>
  );
};

const undoBlocker = (job: ImportJob) => {
  if (job.dryRun) return 'A dry run changed nothing, so there is nothing to undo.';
  if (job.status === 'undone') return 'This import has already been undone.';
  if (job.created + job.updated === 0) return 'This import created and changed no client.';
  return undefined;
};

const clients = (count: number) => (count === 1 ? '1 client' : `${count} clients`);
const rows = (count: number) => (count === 1 ? '1 row' : `${count} rows`);

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

const forRealExplanation = ({ mode, created, updated, failed }: ImportJob) =>
  `The file checked by this dry run is imported again, as ${importModes[mode]?.name ?? mode}, ` +
  `this time changing clients. The dry run found ${clients(created)} to create and ` +
  `${clients(updated)} to update; ${rows(failed)} failed and will fail again. Clients changed ` +
  'since the dry run are matched as they are now.';

/** Once a dry run has been imported for real, its page leads to that import. */
const RealImportLink = ({ id }: { id: ImportJob['id'] }) => {
  const createPath = useCreatePath();
  return (
    <Button
      component={Link}
      to={createPath({ resource: 'imports', id, type: 'show' })}
      variant="outlined"
      startIcon={<OpenInBrowserIcon />}
    >
      Open the real import
    </Button>
  );
};

const ReportDownloads = ({ job }: { job: ImportJob }) => (
  <>
    {job.failed > 0 &&
      (['xlsx', 'csv'] as const).map((format) => (
        <DownloadButton
          key={`exceptions-${format}`}
          href={importDownloads.report(job.id, 'exceptions', format)}
          label={`Download exception report (${format === 'xlsx' ? 'Excel' : 'CSV'})`}
        />
      ))}
    {(['xlsx', 'csv'] as const).map((format) => (
      <DownloadButton
        key={`full-${format}`}
        href={importDownloads.report(job.id, 'full', format)}
        label={`Download every row (${format === 'xlsx' ? 'Excel' : 'CSV'})`}
      />
    ))}
  </>
);

/**
 * What can be done with the job now: cancel it while it runs; afterwards, reports, undo and,
 * for a completed dry run, importing its file for real.
 */
export const ImportActions = ({ job }: { job: ImportJob }) => {
  const { canAccess: canCancel } = useCanAccess({ resource: 'imports', action: 'cancel' });
  const { canAccess: canUndo } = useCanAccess({ resource: 'imports', action: 'undo' });
  const { canAccess: canImport } = useCanAccess({ resource: 'imports', action: 'create' });
  const finished = !isImportActive(job.status);
  const cancellable = isImportRunning(job.status) || job.status === 'cancelling';
  const hasReport = finished && job.total > 0;
  const forReal = canImport && job.dryRun && job.status === 'completed';
  if (!(canCancel && cancellable) && !hasReport && !(canUndo && finished) && !forReal) return null;

  return (
    <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap' }}>
      {forReal &&
        (job.realImportId ? (
          <RealImportLink id={job.realImportId} />
        ) : (
          <ConfirmedActionButton
            job={job}
            action="import-for-real"
            label="Import for real"
            icon={PlayArrowIcon}
            color="primary"
            variant="contained"
            title={`Import ${job.fileName} for real?`}
            content={forRealExplanation(job)}
          />
        ))}
      {canCancel && cancellable && <CancelImportButton job={job} />}
      {hasReport && <ReportDownloads job={job} />}
      {canUndo && finished && (
        <ConfirmedActionButton
          job={job}
          action="undo"
          label="Undo import"
          icon={UndoIcon}
          color="warning"
          title={`Undo the import of ${job.fileName}?`}
          content={undoExplanation(job)}
          blocker={undoBlocker(job)}
        />
      )}
    </Stack>
  );
};
