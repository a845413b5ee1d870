import { useCallback, useState } from 'react';
import { useDataProvider, useNotify, useRefresh } from 'react-admin';
import type { ClientHubDataProvider } from '../../providers/data-provider';
import type { ImportJob } from '../../types';

const started = { cancel: 'Cancelling the import…', undo: 'Undoing the import…' };

/** Cancels or undoes an import; the refresh restarts polling of the job's new status. */
export const useImportAction = () => {
  const dataProvider = useDataProvider<ClientHubDataProvider>();
  const notify = useNotify();
  const refresh = useRefresh();
  const [isPending, setPending] = useState(false);

  const run = useCallback(
    async (job: ImportJob, action: 'cancel' | 'undo'): Promise<boolean> => {
      setPending(true);
      try {
        await dataProvider.importAction(job.id, action);
        notify(started[action], { type: 'info' });
        refresh();
        return true;
      } catch (error) {
        notify(error instanceof Error ? error.message : `Could not ${action} the import`, {
          type: 'error',
        });
        return false;
      } finally {
        setPending(false);
      }
    },
    [dataProvider, notify, refresh],
  );

  return { run, isPending };
};
