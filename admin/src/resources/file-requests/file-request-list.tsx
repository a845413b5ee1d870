import DriveFolderUploadOutlinedIcon from '@mui/icons-material/DriveFolderUploadOutlined';
import { type Theme, useMediaQuery } from '@mui/material';
import { CreateButton, List, SimpleList, TopToolbar } from 'react-admin';
import { ListEmpty } from '../../shared/list-empty';
import { ListPagination } from '../../shared/list-pagination';
import type { FileRequestSummaryView } from '../../types';
import { itemsProgressText, requestStatuses } from './file-request-choices';
import { FileRequestDatagrid } from './file-request-datagrid';
import { fileRequestFilters } from './file-request-filters';
import { useFormatDue } from './due-date';

const NewRequestButton = () => (
  <CreateButton
    label="New file request"
    icon={<DriveFolderUploadOutlinedIcon />}
    variant="contained"
  />
);

const FileRequestListEmpty = () => (
  <ListEmpty
    icon={DriveFolderUploadOutlinedIcon}
    title="No file requests yet"
    text={
      <>
        Ask a client&apos;s contacts for documents; Client Hub reminds them until every file is in.
      </>
    }
  >
    <NewRequestButton />
  </ListEmpty>
);

const secondaryText = (request: FileRequestSummaryView) =>
  [
    request.clientName,
    requestStatuses[request.status]?.name ?? request.status,
    request.overdue && 'Overdue',
    itemsProgressText(request),
  ]
    .filter(Boolean)
    .join(' · ');

export const FileRequestList = () => {
  const formatDue = useFormatDue();
  const isSmall = useMediaQuery<Theme>((theme) => theme.breakpoints.down('md'));
  return (
    <List<FileRequestSummaryView>
      perPage={25}
      exporter={false}
      sort={{ field: 'lastActivityAt', order: 'DESC' }}
      filters={fileRequestFilters}
      actions={
        <TopToolbar>
          <NewRequestButton />
        </TopToolbar>
      }
      empty={<FileRequestListEmpty />}
      pagination={<ListPagination rowsPerPageOptions={[25, 50, 100]} />}
    >
      {isSmall ? (
        <SimpleList<FileRequestSummaryView>
          primaryText={(request) => request.subject}
          secondaryText={secondaryText}
          tertiaryText={(request) => (request.dueAt ? `Due ${formatDue(request.dueAt)}` : '')}
          linkType="show"
        />
      ) : (
        <FileRequestDatagrid />
      )}
    </List>
  );
};
