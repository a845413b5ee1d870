import { condition, proxyActivities, setHandler } from '@temporalio/workflow';
import {
  acceptedSignal,
  bouncedSignal,
  invitationStatusQuery,
  remindNowSignal,
  resendSignal,
  revokedSignal,
  type InvitationEmailKind,
  type InvitationOutcome,
  type PortalInvitationActivities,
  type PortalInvitationInput,
} from './portal-invitation.contract';

const acts = proxyActivities<PortalInvitationActivities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/**
 * One invitation of one contact: send, then remind on the cadence up to the maximum until the
 * contact accepts, staff revoke, the address bounces or the invitation expires. PostgreSQL is
 * the source of truth; signals only wake the workflow, and every email step re-checks the row.
 */
export async function portalInvitationWorkflow(
  input: PortalInvitationInput,
): Promise<InvitationOutcome> {
  let outcome: InvitationOutcome | null = null;
  let remindRequested = false;
  let resendRequested = false;
  let remindersSent = input.remindersSent ?? 0;
  let step = 0;
  let lastSentAt = input.firstEmailAt ? Date.parse(input.firstEmailAt) : Date.now();
  let expiresAt = input.expiresAt ? Date.parse(input.expiresAt) : lastSentAt + input.expiryMs;

  const nextReminderAt = () =>
    remindersSent < input.maxReminders ? lastSentAt + input.reminderIntervalMs : null;

  setHandler(acceptedSignal, () => void (outcome ??= 'accepted'));
  setHandler(revokedSignal, () => void (outcome ??= 'revoked'));
  setHandler(bouncedSignal, () => void (outcome ??= 'bounced'));
  setHandler(remindNowSignal, () => void (remindRequested = true));
  setHandler(resendSignal, () => void (resendRequested = true));
  setHandler(invitationStatusQuery, () => ({
    state: outcome ?? 'pending',
    remindersSent,
    nextReminderAt: outcome ? null : iso(nextReminderAt()),
    expiresAt: iso(expiresAt)!,
  }));

  /** `asked`: staff pressed for it (the bell, a new link), so it never waits behind bulk. */
  async function send(kind: InvitationEmailKind, asked: boolean): Promise<void> {
    lastSentAt = Date.now();
    if (kind === 'resend') {
      // A new link is a fresh invitation: full validity and reminder count again.
      remindersSent = 0;
      expiresAt = lastSentAt + input.expiryMs;
    }
    if (kind === 'reminder') remindersSent += 1;
    const { pending } = await acts.queueInvitationEmail({
      invitationId: input.invitationId,
      kind,
      step: step++,
      remindersSent,
      nextReminderAt: iso(nextReminderAt()),
      expiresAt: iso(expiresAt)!,
      bulk: Boolean(input.bulk) && !asked,
    });
    if (!pending) outcome ??= 'gone';
  }

  if (input.firstEmailAt) step = 1;
  else await send('invitation', false);

  while (outcome === null) {
    const wakeAt = Math.min(nextReminderAt() ?? Infinity, expiresAt);
    await condition(
      () => outcome !== null || remindRequested || resendRequested,
      Math.max(1, wakeAt - Date.now()),
    );
    if (outcome !== null) break;
    if (resendRequested) {
      resendRequested = remindRequested = false;
      await send('resend', true);
    } else if (remindRequested) {
      remindRequested = false;
      await send('reminder', true);
    } else if (Date.now() >= expiresAt) {
      await acts.expireInvitation(input.invitationId);
      outcome = 'expired';
    } else {
      await send('reminder', false);
    }
  }
  return outcome;
}
