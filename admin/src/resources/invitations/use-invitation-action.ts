import { useCallback } from 'react';
import type { Identifier } from 'react-admin';
import { useApiAction } from '../../providers/use-api-action';
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
  const { run: runAction, isPending } = useApiAction();
  const run = useCallback(
    (invitationId: Identifier, action: InvitationAction) =>
      runAction((api) => api.invitationAction(invitationId, action), {
        done: done[action],
        failed: `Could not ${action} the invitation`,
      }),
    [runAction],
  );
  return { run, isPending };
};
