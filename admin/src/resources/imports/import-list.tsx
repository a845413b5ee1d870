import UploadFileOutlinedIcon from '@mui/icons-material/UploadFileOutlined';
import { ListEmpty } from '../../shared/list-empty';
import { type Theme, useMediaQuery } from '@mui/material';
import {
  BooleanField,
  CreateButton,
  Datagrid,
  List,
  NumberField,
  Pagination,
  SelectField,
  SelectInput,
  SimpleList,
  TextField,
  TopToolbar,
} from 'react-admin';
import { FirmDateField } from '../../shared/firm-time';
import type { ImportJob } from '../../types';
import {
  importModeChoices,
  importStatusChoices,
  importStatuses,
  isImportActive,
} from './import-choices';
import { ImportStatusField } from './import-status-field';
import { useFirmTime } from '../../shared/firm-time';

const NewImportButton = () => (
  <CreateButton label="New import" icon={<UploadFileOutlinedIcon />} variant="contained" />
);

const importFilters = [
  <SelectInput
    key="status"
    source="status"
    label="Status"
    choices={importStatusChoices}
    alwaysOn
  />,
];

const ImportListEmpty = () => (
  <ListEmpty
    icon={UploadFileOutlinedIcon}
    title="No imports yet"
    text={
      <>Bring in your client list from a CSV or Excel file, or check a file first with a dry run.</>
    }
  >
    <NewImportButton />
  </ListEmpty>
);

export const ImportList = () => {
  const firmTime = useFirmTime();
  const isSmall = useMediaQuery<Theme>((theme) => theme.breakpoints.down('md'));
  return (
    <List<ImportJob>
      perPage={25}
      exporter={false}
      sort={{ field: 'createdAt', order: 'DESC' }}
      filters={importFilters}
      actions={
        <TopToolbar>
          <NewImportButton />
        </TopToolbar>
      }
      empty={<ImportListEmpty />}
      pagination={<Pagination rowsPerPageOptions={[25, 50, 100]} />}
      // Imports still running move on by themselves: keep their status and counts current.
      queryOptions={{
        refetchInterval: (query) =>
          query.state.data?.data.some((job) => isImportActive(job.status)) ? 2000 : false,
      }}
    >
      {isSmall ? (
        <SimpleList<ImportJob>
          primaryText={(job) => job.fileName}
          secondaryText={(job) =>
            `${importStatuses[job.status]?.name ?? job.status} · ${job.created} created, ${job.updated} updated, ${job.failed} failed`
          }
          tertiaryText={(job) => firmTime(job.createdAt)}
          linkType="show"
        />
      ) : (
        // The API sorts imports by file name, status and start time only.
        <Datagrid rowClick="show" bulkActionButtons={false}>
          <TextField source="fileName" label="File" />
          <SelectField source="mode" label="Mode" choices={importModeChoices} sortable={false} />
          <BooleanField source="dryRun" label="Dry run" FalseIcon={null} sortable={false} />
          <ImportStatusField source="status" label="Status" />
          <NumberField source="created" label="Created" sortable={false} />
          <NumberField source="updated" label="Updated" sortable={false} />
          <NumberField source="unchanged" label="Unchanged" sortable={false} />
          <NumberField source="failed" label="Failed" sortable={false} />
          <TextField source="createdBy.email" label="Started by" sortable={false} />
          <FirmDateField source="createdAt" label="Started" />
        </Datagrid>
      )}
    </List>
  );
};
