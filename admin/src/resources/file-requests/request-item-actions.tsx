import CheckIcon from '@mui/icons-material/Check';
import CloseIcon from '@mui/icons-material/Close';
import { Button, Stack } from '@mui/material';
import { useState } from 'react';
import type { FileRequestItemView, FileRequestView } from '../../types';
import { isItemReviewable, isRequestClosed } from './file-request-choices';
import { RejectItemDialog } from './reject-item-dialog';
import { useFileRequestAction } from './use-file-request-action';

interface RequestItemActionsProps {
  request: FileRequestView;
  item: FileRequestItemView;
}

/** Accept or reject what a recipient handed in (an upload, or "not applicable"). */
export const RequestItemActions = ({ request, item }: RequestItemActionsProps) => {
  const { accept, reject, isPending } = useFileRequestAction();
  const [rejecting, setRejecting] = useState(false);
  const reviewable = isItemReviewable(item.status) && !isRequestClosed(request.status);

  return (
    <Stack direction="row" spacing={1} sx={{ justifyContent: 'flex-end' }}>
      <Button
        size="small"
        variant="outlined"
        color="success"
        startIcon={<CheckIcon />}
        aria-label={`Accept ${item.title}`}
        disabled={!reviewable || isPending}
        onClick={() => accept(request, item)}
      >
        Accept
      </Button>
      <Button
        size="small"
        variant="outlined"
        color="error"
        startIcon={<CloseIcon />}
        aria-label={`Reject ${item.title}`}
        disabled={!reviewable || isPending}
        onClick={() => setRejecting(true)}
      >
        Reject
      </Button>
      <RejectItemDialog
        itemTitle={item.title}
        open={rejecting}
        pending={isPending}
        onClose={() => setRejecting(false)}
        onReject={(reason) => reject(request, item, reason)}
      />
    </Stack>
  );
};
