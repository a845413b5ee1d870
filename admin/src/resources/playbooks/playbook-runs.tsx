import { Typography } from '@mui/material';
import { Datagrid, Pagination, ReferenceManyField } from 'react-admin';
import { FirmDateField } from '../../shared/firm-time';
import type { GetListResult } from 'react-admin';
import type { PlaybookRunView } from '../../types';
import {
  RunActionsField,
  RunClientField,
  RunCurrentStepField,
  RunPlaybookField,
  RunStatusField,
} from './playbook-run-fields';

const NoRuns = () => (
  <Typography variant="body2" color="text.secondary">
    No runs yet
  </Typography>
);

// Runs move on by themselves (a wait ends, a step is done): poll while any is under way.
const pollWhileRunning = (query: { state: { data?: GetListResult<PlaybookRunView> } }) =>
  query.state.data?.data.some((run) => run.status === 'running') ? 5000 : false;

interface PlaybookRunsProps {
  /** `playbookId` on a playbook's page, `clientId` on a client's. */
  target: 'playbookId' | 'clientId';
}

/** Runs of one playbook, or of one client, newest first. */
export const PlaybookRuns = ({ target }: PlaybookRunsProps) => (
  <ReferenceManyField<PlaybookRunView & { id: string }, PlaybookRunView>
    reference="playbook-runs"
    target={target}
    sort={{ field: 'startedAt', order: 'DESC' }}
    perPage={10}
    pagination={<Pagination rowsPerPageOptions={[10]} />}
    queryOptions={{ refetchInterval: pollWhileRunning }}
  >
    {/* The API sorts runs by start, end and status only. */}
    <Datagrid
      bulkActionButtons={false}
      rowClick={false}

      empty={<NoRuns />}
    >
      {target === 'playbookId' ? (
        <RunClientField label="Client" sortable={false} />
      ) : (
        <RunPlaybookField label="Playbook" sortable={false} />
      )}
      <RunStatusField source="status" label="Status" />
      <RunCurrentStepField label="Current step" sortable={false} />
      <FirmDateField source="startedAt" label="Started" />
      <FirmDateField source="wakeAt" label="Next wake" emptyText="—" sortable={false} />
      <RunActionsField label="Workflow" sortable={false} />
    </Datagrid>
  </ReferenceManyField>
);
