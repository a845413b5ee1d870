import { Box, Typography } from '@mui/material';
import { Pagination, ReferenceManyField, useRecordContext } from 'react-admin';
import type { Client } from '../../types';
import { FileRequestDatagrid } from './file-request-datagrid';

const NoRequests = () => (
  <Typography variant="body2" color="text.secondary">
    No file requests yet
  </Typography>
);

/** The client's file requests on its page, latest activity first; a row opens the request. */
export const ClientFileRequests = () => {
  const client = useRecordContext<Client>();
  if (!client) return null;
  return (
    <Box sx={{ gridColumn: '1 / -1', overflowX: 'auto' }}>
      <ReferenceManyField
        reference="file-requests"
        target="clientId"
        sort={{ field: 'lastActivityAt', order: 'DESC' }}
        perPage={10}
        pagination={<Pagination rowsPerPageOptions={[10]} />}
      >
        <FileRequestDatagrid showClient={false} empty={<NoRequests />} />
      </ReferenceManyField>
    </Box>
  );
};
