import CancelOutlinedIcon from '@mui/icons-material/CancelOutlined';
import NotificationsActiveOutlinedIcon from '@mui/icons-material/NotificationsActiveOutlined';
import { Button, Stack } from '@mui/material';
import { ConfirmActionButton } from '../../components/confirm-action';
import type { FileRequestView } from '../../types';
import { isRequestClosed } from './file-request-choices';
import { useFileRequestAction } from './use-file-request-action';

const RemindButton = ({ request }: { request: FileRequestView }) => {
  const { remind, isPending } = useFileRequestAction();
  return (
    <Button
      variant="outlined"
      startIcon={<NotificationsActiveOutlinedIcon />}
      // Only an open request waits on its recipients (an uploaded one waits on staff).
      disabled={request.status !== 'open' || isPending}
      onClick={() => remind(request)}
    >
      Remind now
    </Button>
  );
};

const CancelRequestButton = ({ request }: { request: FileRequestView }) => {
  const { cancel, isPending } = useFileRequestAction();
  return (
    <ConfirmActionButton
      variant="outlined"
      color="error"
      startIcon={<CancelOutlinedIcon />}
      label="Cancel request"
      disabled={isRequestClosed(request.status)}
      pending={isPending}
      title="Cancel this request?"
      content="The recipients can no longer upload for it and get no more reminders. Files already uploaded stay with the client."
      confirm="Cancel request"
      cancel="Keep request"
      confirmColor="warning"
      ConfirmIcon={CancelOutlinedIcon}
      onConfirm={() => cancel(request)}
    />
  );
};

/** A reminder on demand, and withdrawal of the whole request. */
export const FileRequestActions = ({ request }: { request: FileRequestView }) => (
  <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap' }}>
    <RemindButton request={request} />
    <CancelRequestButton request={request} />
  </Stack>
);
