import { useCallback } from 'react';
import { useApiAction } from '../../providers/use-api-action';
import type { PlaybookRunView, PlaybookView } from '../../types';

/** Switching a playbook on or off, and cancelling a run; notified, then the view refreshes. */
export const usePlaybookAction = () => {
  const { run, isPending } = useApiAction();

  const setEnabled = useCallback(
    (playbook: PlaybookView, enabled: boolean) =>
      run((api) => (enabled ? api.enablePlaybook(playbook.id) : api.disablePlaybook(playbook.id)), {
        done: `${playbook.name}: ${enabled ? 'enabled' : 'disabled'}`,
        doneType: enabled ? 'success' : 'info',
        failed: `Could not ${enabled ? 'enable' : 'disable'} the playbook`,
      }),
    [run],
  );

  const cancelRun = useCallback(
    (playbookRun: PlaybookRunView) =>
      run((api) => api.cancelPlaybookRun(playbookRun.id), {
        done: `Run for ${playbookRun.clientName} cancelled`,
        doneType: 'info',
        failed: 'Could not cancel the run',
      }),
    [run],
  );

  return { setEnabled, cancelRun, isPending };
};
