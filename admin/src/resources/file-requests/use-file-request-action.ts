import { useCallback } from 'react';
import { useApiAction } from '../../providers/use-api-action';
import type { FileRequestItemView, FileRequestSummaryView } from '../../types';

/**
 * Staff's actions on a request, each notified (with the API's own message on a refusal, e.g. a
 * reminder asked too soon) and followed by a refresh; each resolves to whether it succeeded.
 */
export const useFileRequestAction = () => {
  const { run, isPending } = useApiAction();
  const accept = useCallback(
    (request: FileRequestSummaryView, item: FileRequestItemView) =>
      run((api) => api.acceptRequestItem(request.id, item.id), {
        done: `${item.title}: accepted`,
        failed: 'Could not accept the item',
      }),
    [run],
  );

  const reject = useCallback(
    (request: FileRequestSummaryView, item: FileRequestItemView, reason: string) =>
      run((api) => api.rejectRequestItem(request.id, item.id, reason), {
        done: `${item.title}: rejected, the recipients are asked again`,
        doneType: 'info',
        failed: 'Could not reject the item',
      }),
    [run],
  );

  const cancel = useCallback(
    (request: FileRequestSummaryView) =>
      run((api) => api.cancelFileRequest(request.id), {
        done: 'Request cancelled',
        doneType: 'info',
        failed: 'Could not cancel the request',
      }),
    [run],
  );

  const remind = useCallback(
    (request: FileRequestSummaryView) =>
      run((api) => api.remindFileRequest(request.id), {
        done: 'Reminder sent',
        failed: 'Could not send a reminder',
      }),
    [run],
  );

  return { accept, reject, cancel, remind, isPending };
};
