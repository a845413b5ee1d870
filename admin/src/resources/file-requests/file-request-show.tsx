import { Box, Stack, Typography } from '@mui/material';
import { Show, useRecordContext } from 'react-admin';
import { ShowCard, ShowColumns, ShowHeaderRow, ShowSection } from '../../components/show-layout';
import type { FileRequestView } from '../../types';
import { FileRequestActions } from './file-request-actions';
import { isRequestClosed } from './file-request-choices';
import { FileRequestHeader } from './file-request-header';
import { FileRequestTimeline } from './file-request-timeline';
import { AttachmentLinks } from './request-files-links';
import { RequestItemsTable } from './request-items-table';
import { WorkflowStatus } from './workflow-status';

const Text = ({ children }: { children: string | null | undefined }) => (
  <Typography
    variant="body2"
    color={children ? 'text.primary' : 'text.secondary'}
    sx={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}
  >
    {children || 'None'}
  </Typography>
);

const FileRequestDetails = () => {
  const request = useRecordContext<FileRequestView>();
  if (!request) return null;
  return (
    <ShowCard maxWidth={1100}>
      <ShowHeaderRow from="md" align="flex-start">
        <FileRequestHeader request={request} />
        <Stack spacing={1.5} sx={{ alignItems: { md: 'flex-end' }, flexShrink: 0 }}>
          <FileRequestActions request={request} />
          {request.workflow && <WorkflowStatus workflow={request.workflow} />}
        </Stack>
      </ShowHeaderRow>
      <ShowColumns columns="repeat(3, minmax(0, 1fr))" gap={2}>
        <ShowSection title="Description">
          <Text>{request.description}</Text>
        </ShowSection>
        <ShowSection title="Additional message">
          <Text>{request.message}</Text>
        </ShowSection>
        <ShowSection title="Attachments">
          <AttachmentLinks files={request.attachments} />
        </ShowSection>
      </ShowColumns>
      <ShowSection title="Requested items">
        <Box sx={{ width: '100%', overflowX: 'auto' }}>
          <RequestItemsTable request={request} />
        </Box>
      </ShowSection>
      <Box>
        <FileRequestTimeline events={request.events} />
      </Box>
    </ShowCard>
  );
};

// Recipients upload from the portal meanwhile: poll an open request so staff see it arrive.
export const FileRequestShow = () => (
  <Show<FileRequestView>
    component="div"
    actions={false}
    queryOptions={{
      refetchInterval: (query) =>
        query.state.data && !isRequestClosed(query.state.data.status) ? 5000 : false,
    }}
  >
    <FileRequestDetails />
  </Show>
);
