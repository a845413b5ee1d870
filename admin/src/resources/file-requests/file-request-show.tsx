import { Box, Card, CardContent, Divider, Stack, Typography } from '@mui/material';
import type { ReactNode } from 'react';
import { Show, useRecordContext } from 'react-admin';
import type { FileRequestView } from '../../types';
import { FileRequestActions } from './file-request-actions';
import { isRequestClosed } from './file-request-choices';
import { FileRequestHeader } from './file-request-header';
import { FileRequestTimeline } from './file-request-timeline';
import { AttachmentLinks } from './request-files-links';
import { RequestItemsTable } from './request-items-table';
import { WorkflowStatus } from './workflow-status';

const Section = ({ title, children }: { title: string; children: ReactNode }) => (
  <Box component="section">
    <Typography variant="overline" color="text.secondary" component="h3">
      {title}
    </Typography>
    {children}
  </Box>
);

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
    <Card sx={{ maxWidth: 1100 }}>
      <CardContent>
        <Stack spacing={3} divider={<Divider flexItem />}>
          <Stack
            direction={{ xs: 'column', md: 'row' }}
            spacing={2}
            sx={{ justifyContent: 'space-between', alignItems: { md: 'flex-start' } }}
          >
            <FileRequestHeader request={request} />
            <Stack spacing={1.5} sx={{ alignItems: { md: 'flex-end' }, flexShrink: 0 }}>
              <FileRequestActions request={request} />
              {request.workflow && <WorkflowStatus workflow={request.workflow} />}
            </Stack>
          </Stack>
          <Box
            sx={{
              display: 'grid',
              gridTemplateColumns: { xs: '1fr', md: 'repeat(3, minmax(0, 1fr))' },
              gap: 2,
            }}
          >
            <Section title="Description">
              <Text>{request.description}</Text>
            </Section>
            <Section title="Additional message">
              <Text>{request.message}</Text>
            </Section>
            <Section title="Attachments">
              <AttachmentLinks files={request.attachments} />
            </Section>
          </Box>
          <Section title="Requested items">
            <Box sx={{ width: '100%', overflowX: 'auto' }}>
              <RequestItemsTable request={request} />
            </Box>
          </Section>
          <Box>
            <FileRequestTimeline events={request.events} />
          </Box>
        </Stack>
      </CardContent>
    </Card>
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
