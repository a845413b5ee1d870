import { useCallback } from 'react';
import { useApiAction } from '../../providers/use-api-action';
import type { ImportJob } from '../../types';

const started = { cancel: 'Cancelling the import…', undo: 'Undoing the import…' };

/** Cancels or undoes an import; the refresh restarts polling of the job's new status. */
export const useImportAction = () => {
  const { run: runAction, isPending } = useApiAction();
  const run = useCallback(
    (job: ImportJob, action: 'cancel' | 'undo') =>
      runAction((api) => api.importAction(job.id, action), {
        done: started[action],
        doneType: 'info',
        failed: `Could not ${action} the import`,
      }),
    [runAction],
  );
  return { run, isPending };
};
