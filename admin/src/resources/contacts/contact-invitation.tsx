import BlockIcon from '@mui/icons-material/Block';
import ForwardToInboxOutlinedIcon from '@mui/icons-material/ForwardToInboxOutlined';
import MailOutlineIcon from '@mui/icons-material/MailOutline';
import NotificationsActiveOutlinedIcon from '@mui/icons-material/NotificationsActiveOutlined';
import { Box, Button, Chip, Stack, Typography } from '@mui/material';
import { type ReactNode, useState } from 'react';
import { Labeled, useCanAccess, useRecordContext } from 'react-admin';
import { ConfirmActionButton } from '../../components/confirm-action';
import type { Contact, InvitationSummary } from '../../types';
import { DetailSection } from '../../components/detail-section';
import { WorkflowLink } from '../../components/workflow-link';
import { invitableStatuses, invitationStatuses } from '../invitations/invitation-choices';
import { InviteDialog } from '../invitations/invite-dialog';
import { useInvitationAction } from '../invitations/use-invitation-action';
import { useFirmTime } from '../../shared/firm-time';

const Detail = ({ label, children }: { label: string; children: ReactNode }) => (
  <Labeled label={label}>
    <Typography variant="body2">{children}</Typography>
  </Labeled>
);

const InvitationDetails = ({ invitation }: { invitation: InvitationSummary }) => {
  const firmTime = useFirmTime();
  const status = invitationStatuses[invitation.status];
  return (
    <>
      <Labeled label="Status">
        <Chip
          size="small"
          color={status?.color}
          label={status?.name ?? invitation.status}
          sx={{ alignSelf: 'flex-start' }}
        />
      </Labeled>
      <Detail label="Sender">{invitation.senderEmail}</Detail>
      <Detail label="Sent">{firmTime(invitation.createdAt)}</Detail>
      <Detail label="Reminders sent">
        {invitation.remindersSent} of {invitation.maxReminders}
      </Detail>
      <Detail label="Next reminder">{firmTime(invitation.nextReminderAt, 'None scheduled')}</Detail>
      <Detail label={invitation.status === 'expired' ? 'Expired' : 'Expires'}>
        {firmTime(invitation.expiresAt)}
      </Detail>
      {invitation.acceptedAt && <Detail label="Accepted">{firmTime(invitation.acceptedAt)}</Detail>}
      <Box sx={{ gridColumn: '1 / -1' }}>
        <WorkflowLink href={invitation.workflowUrl} label="Open workflow in Temporal" />
      </Box>
    </>
  );
};

const PendingInvitationActions = ({
  invitation,
  email,
}: {
  invitation: InvitationSummary;
  email: string;
}) => {
  const { run, isPending } = useInvitationAction();
  const { canAccess: canRemind } = useCanAccess({ resource: 'invitations', action: 'remind' });
  const { canAccess: canResend } = useCanAccess({ resource: 'invitations', action: 'resend' });
  const { canAccess: canRevoke } = useCanAccess({ resource: 'invitations', action: 'revoke' });
  return (
    <>
      {canRemind && (
        <Button
          variant="outlined"
          startIcon={<NotificationsActiveOutlinedIcon />}
          disabled={isPending}
          onClick={() => run(invitation.id, 'remind')}
        >
          Send reminder
        </Button>
      )}
      {canResend && (
        <Button
          variant="outlined"
          startIcon={<ForwardToInboxOutlinedIcon />}
          disabled={isPending}
          onClick={() => run(invitation.id, 'resend')}
        >
          Resend invitation
        </Button>
      )}
      {canRevoke && (
        <ConfirmActionButton
          variant="outlined"
          color="error"
          startIcon={<BlockIcon />}
          label="Revoke invitation"
          pending={isPending}
          title={`Revoke the invitation to ${email}?`}
          content="The invitation link stops working and no more reminders are sent. You can invite this contact again later."
          confirm="Revoke invitation"
          confirmColor="warning"
          ConfirmIcon={BlockIcon}
          onConfirm={() => run(invitation.id, 'revoke')}
        />
      )}
    </>
  );
};

const InviteContactButton = ({
  contact,
  open,
  setOpen,
}: {
  contact: Contact;
  open: boolean;
  setOpen: (open: boolean) => void;
}) => (
  <>
    <Button variant="contained" startIcon={<MailOutlineIcon />} onClick={() => setOpen(true)}>
      Invite
    </Button>
    <InviteDialog
      target={{ contactIds: [contact.id] }}
      subject={contact.displayName}
      open={open}
      onClose={() => setOpen(false)}
    />
  </>
);

/** The contact's current invitation, and what staff can do about it now. */
export const ContactInvitation = () => {
  const contact = useRecordContext<Contact>();
  const { canAccess: canInvite } = useCanAccess({ resource: 'contacts', action: 'invite' });
  // Once open, the invite dialog stays until closed: the contact it invites turns pending
  // behind it (a refetch on window focus), which must not take its summary away.
  const [inviting, setInviting] = useState(false);
  if (!contact) return null;
  const { invitation } = contact;
  const isPendingInvitation = invitation?.status === 'pending';
  const canInviteNow = inviting || (canInvite && invitableStatuses.includes(contact.portalStatus));
  return (
    <DetailSection title="Invitation">
      {invitation ? (
        <InvitationDetails invitation={invitation} />
      ) : (
        <Typography variant="body2" color="text.secondary" sx={{ gridColumn: '1 / -1' }}>
          Not invited yet
        </Typography>
      )}
      {(isPendingInvitation || canInviteNow) && (
        <Stack
          direction="row"
          spacing={1}
          useFlexGap
          sx={{ gridColumn: '1 / -1', flexWrap: 'wrap', mt: 1 }}
        >
          {isPendingInvitation && (
            <PendingInvitationActions invitation={invitation} email={contact.email} />
          )}
          {canInviteNow && (
            <InviteContactButton contact={contact} open={inviting} setOpen={setInviting} />
          )}
        </Stack>
      )}
    </DetailSection>
  );
};
