import { Alert, AlertTitle, Card, CardContent, Stack } from '@mui/material';
import { Show, useRecordContext } from 'react-admin';
import type { ImportJob } from '../../types';
import { ImportActions } from './import-actions';
import { isImportActive } from './import-choices';
import { ImportHeader } from './import-header';
import { ImportProgress } from './import-progress';
import { ImportRows } from './import-rows';
import { UndoReport } from './undo-report';

const ImportDetails = () => {
  const job = useRecordContext<ImportJob>();
  if (!job) return null;
  return (
    <Stack spacing={2}>
      <Card>
        <CardContent>
          <Stack spacing={2.5}>
            <ImportHeader job={job} />
            {job.error && (
              <Alert severity="error">
                <AlertTitle>The file could not be imported</AlertTitle>
                {job.error}
              </Alert>
            )}
            {job.unknownColumns.length > 0 && (
              <Alert severity="warning">
                <AlertTitle>Columns not recognised</AlertTitle>
                These columns match no template column and were ignored:{' '}
                <strong>{job.unknownColumns.join(', ')}</strong>
              </Alert>
            )}
            <ImportProgress job={job} />
            <ImportActions job={job} />
          </Stack>
        </CardContent>
      </Card>
      {job.undoReport && <UndoReport report={job.undoReport} />}
      {/* A file refused as a whole has no rows to list. */}
      {(job.total > 0 || isImportActive(job.status)) && (
        <Card>
          <CardContent>
            {/* Keyed: moving to another import starts from its first page, unfiltered. */}
            <ImportRows key={job.id} job={job} />
          </CardContent>
        </Card>
      )}
    </Stack>
  );
};

// Poll the job every second while its workflow moves it on; stop once it settles.
export const ImportShow = () => (
  <Show<ImportJob>
    component="div"
    actions={false}
    queryOptions={{
      refetchInterval: (query) =>
        query.state.data && isImportActive(query.state.data.status) ? 1000 : false,
    }}
  >
    <ImportDetails />
  </Show>
);
