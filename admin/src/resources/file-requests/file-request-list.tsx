import DriveFolderUploadOutlinedIcon from '@mui/icons-material/DriveFolderUploadOutlined';
import { Box, type Theme, Typography, useMediaQuery } from '@mui/material';
import { CreateButton, List, SimpleList, TopToolbar } from 'react-admin';
import { ListPagination } from '../../shared/list-pagination';
import type { FileRequestSummaryView } from '../../types';
import { itemsProgressText, requestStatuses } from './file-request-choices';
import { FileRequestDatagrid } from './file-request-datagrid';
import { fileRequestFilters } from './file-request-filters';
import { formatDueDate } from './due-date';

const NewRequestButton = () => (
  <CreateButton
    label="New file request"
    icon={<DriveFolderUploadOutlinedIcon />}
    variant="contained"
  />
);

const FileRequestListEmpty = () => (
  <Box sx={{ textAlign: 'center', mt: 8, mx: 'auto', maxWidth: 420 }}>
    <DriveFolderUploadOutlinedIcon sx={{ fontSize: 72, color: 'text.disabled' }} />
    <Typography variant="h6" component="p" sx={{ mt: 1 }}>
      No file requests yet
    </Typography>
    <Typography variant="body2" color="text.secondary" sx={{ mb: 3 }}>
      Ask a client&apos;s contacts for documents; Client Hub reminds them until every file is in.
    </Typography>
    <NewRequestButton />
  </Box>
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
          tertiaryText={(request) => (request.dueAt ? `Due ${formatDueDate(request.dueAt)}` : '')}
          linkType="show"
        />
      ) : (
        <FileRequestDatagrid />
      )}
    </List>
  );
};
