import { useCallback } from 'react';
import { useRedirect } from 'react-admin';
import type { ImportAction } from '../../providers/data-provider';
import { useApiAction } from '../../providers/use-api-action';
import type { ImportJob } from '../../types';

const messages: Record<ImportAction, { done: string; failed: string }> = {
  cancel: { done: 'Cancelling the import…', failed: 'Could not cancel the import' },
  undo: { done: 'Undoing the import…', failed: 'Could not undo the import' },
  'import-for-real': { done: 'Import started', failed: 'Could not start the import' },
};

/**
 * Cancels or undoes an import (the refresh restarts polling of the job's new status), or
 * imports a dry run for real and opens the new import's page.
 */
export const useImportAction = () => {
  const { run: runAction, isPending } = useApiAction();
  const redirect = useRedirect();
  const run = useCallback(
    (job: ImportJob, action: ImportAction) =>
      runAction(
        async (api) => {
          const answer = await api.importAction(job.id, action);
          if (action === 'import-for-real') redirect('show', 'imports', answer.id);
        },
        { ...messages[action], doneType: 'info' },
      ),
    [runAction, redirect],
  );
  return { run, isPending };
};
