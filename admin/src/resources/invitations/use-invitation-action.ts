import { useCallback, useState } from 'react';
import { type Identifier, useDataProvider, useNotify, useRefresh } from 'react-admin';
import type { ClientHubDataProvider } from '../../providers/data-provider';
import type { InvitationAction } from '../../types';

const done: Record<InvitationAction, string> = {
  remind: 'Reminder sent',
  resend: 'Invitation re-sent',
  revoke: 'Invitation revoked',
};

/**
 * Reminds, re-sends or revokes one invitation. Refusals (a reminder too soon, an invitation no
 * longer pending) are notified with the API's own message.
 */
export const useInvitationAction = () => {
  const dataProvider = useDataProvider<ClientHubDataProvider>();
  const notify = useNotify();
  const refresh = useRefresh();
  const [isPending, setPending] = useState(false);

  const run = useCallback(
    async (invitationId: Identifier, action: InvitationAction): Promise<boolean> => {
      setPending(true);
      try {
        await dataProvider.invitationAction(invitationId, action);
        notify(done[action], { type: 'success' });
        refresh();
        return true;
      } catch (error) {
        notify(error instanceof Error ? error.message : `Could not ${action} the invitation`, {
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
