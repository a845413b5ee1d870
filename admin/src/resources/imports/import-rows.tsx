import { Chip, FormControlLabel, Stack, Switch, Typography } from '@mui/material';
import { useState } from 'react';
import {
  Datagrid,
  type FieldProps,
  Link,
  NumberField,
  TextField,
  useCreatePath,
  useListContext,
  useRecordContext,
} from 'react-admin';
import {
  EmbeddedList,
  EmbeddedListPagination,
  EmptyListText,
} from '../../components/embedded-list';
import type { ImportJob, ImportOutcome, ImportRow } from '../../types';
import { outcomesOf } from './import-choices';

type RowOutcomeFieldProps = Partial<FieldProps<ImportRow>> & {
  outcomes: ReturnType<typeof outcomesOf>;
};

const RowOutcomeField = ({ outcomes, ...props }: RowOutcomeFieldProps) => {
  const row = useRecordContext<ImportRow>(props);
  if (!row) return null;
  // No outcome yet: the row's chunk has not been processed.
  const outcome = row.outcome ? outcomes[row.outcome as ImportOutcome] : undefined;
  return outcome ? (
    <Chip size="small" color={outcome.color} label={outcome.name} />
  ) : (
    <Chip size="small" variant="outlined" label="Pending" />
  );
};

/** Person and/or company as written in the file, linked to the client the row created or updated. */
const RowNameField = (props: Partial<FieldProps<ImportRow>>) => {
  const row = useRecordContext<ImportRow>(props);
  const createPath = useCreatePath();
  if (!row) return null;
  const { firstName, lastName, companyName } = row.values;
  const person = [firstName, lastName].filter(Boolean).join(' ');
  const name = [person, companyName].filter(Boolean).join(' · ') || '—';
  if (!row.clientId) return <>{name}</>;
  return (
    <Link to={createPath({ resource: 'clients', id: row.clientId, type: 'show' })}>{name}</Link>
  );
};

const FailuresOnlySwitch = () => {
  const { filterValues, setFilters } = useListContext<ImportRow>();
  // Its own state: react-admin applies the filter a tick later, the switch must flip at once.
  const [checked, setChecked] = useState(filterValues.outcome === 'failed');
  return (
    <FormControlLabel
      label="Failures only"
      control={
        <Switch
          checked={checked}
          onChange={(event) => {
            setChecked(event.target.checked);
            setFilters(event.target.checked ? { outcome: 'failed' } : {});
          }}
        />
      }
    />
  );
};

const NoRows = () => {
  const { filterValues } = useListContext<ImportRow>();
  return <EmptyListText>{filterValues.outcome ? 'No row failed.' : 'No rows yet.'}</EmptyListText>;
};

/** Per-row results, 25 a page; the filter lives in the component, not in the page's URL. */
export const ImportRows = ({ job }: { job: ImportJob }) => (
  // Outcomes arrive chunk by chunk: reload the page of rows whenever the job moves on.
  <EmbeddedList
    resource="import-rows"
    meta={{ importId: job.id }}
    sort={{ field: 'rowNumber', order: 'ASC' }}
    version={`${job.status}:${job.processed}`}
  >
    <Stack direction="row" sx={{ justifyContent: 'space-between', alignItems: 'center', mb: 1 }}>
      <Typography variant="h6" component="h3">
        Rows
      </Typography>
      <FailuresOnlySwitch />
    </Stack>
    {/* The API sorts rows by number and outcome only. */}
    <Datagrid bulkActionButtons={false} rowClick={false} empty={<NoRows />}>
      <NumberField source="rowNumber" label="Row" />
      <RowOutcomeField source="outcome" label="Outcome" outcomes={outcomesOf(job)} />
      <RowNameField label="Name" />
      <TextField source="values.email" label="Email" sortable={false} />
      <TextField source="values.taxClientId" label="Tax Client ID" sortable={false} />
      <TextField source="comment" label="Comment" sortable={false} />
    </Datagrid>
    <EmbeddedListPagination />
  </EmbeddedList>
);
