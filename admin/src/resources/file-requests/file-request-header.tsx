import { Box, Stack, Typography } from '@mui/material';
import type { ReactNode } from 'react';
import { Link, useCreatePath } from 'react-admin';
import type { FileRequestView } from '../../types';
import { OverdueField, RequestStatusField } from './file-request-chips';
import { useFormatDue } from './due-date';
import { useFirmTime } from '../../shared/firm-time';

const Detail = ({ label, children }: { label: string; children: ReactNode }) => (
  <Box>
    <Typography variant="caption" color="text.secondary" component="div">
      {label}
    </Typography>
    <Typography variant="body2" component="div">
      {children}
    </Typography>
  </Box>
);

/** Subject and status, then who is asked, for which client, by whom and by when. */
export const FileRequestHeader = ({ request }: { request: FileRequestView }) => {
  const firmTime = useFirmTime();
  const formatDue = useFormatDue();
  const createPath = useCreatePath();
  return (
    <Stack spacing={2}>
      <Stack direction="row" spacing={1} useFlexGap sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
        <Typography variant="h5" component="h2" sx={{ overflowWrap: 'anywhere' }}>
          {request.subject}
        </Typography>
        <RequestStatusField />
        <OverdueField />
      </Stack>
      <Box
        sx={{
          display: 'grid',
          gridTemplateColumns: { xs: '1fr', sm: 'repeat(3, minmax(0, 1fr))' },
          gap: 2,
        }}
      >
        <Detail label="Client">
          <Link to={createPath({ resource: 'clients', id: request.clientId, type: 'show' })}>
            {request.clientName}
          </Link>
        </Detail>
        <Detail label="Recipients">
          {request.recipients.map((recipient) => (
            <div key={recipient.id}>
              {recipient.name}{' '}
              <Typography component="span" variant="body2" color="text.secondary">
                ({recipient.email})
              </Typography>
            </div>
          ))}
        </Detail>
        <Detail label="Due date">{request.dueAt ? formatDue(request.dueAt) : 'None'}</Detail>
        <Detail label="Created by">
          {request.createdBy?.name ?? 'Someone no longer here'}, {firmTime(request.createdAt)}
        </Detail>
        <Detail label="Last activity">{firmTime(request.lastActivityAt)}</Detail>
        <Detail label="Reminders sent">{request.remindersSent}</Detail>
      </Box>
    </Stack>
  );
};
