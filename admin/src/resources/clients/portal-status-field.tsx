import BlockIcon from '@mui/icons-material/Block';
import HourglassDisabledIcon from '@mui/icons-material/HourglassDisabled';
import MailOutlineIcon from '@mui/icons-material/MailOutline';
import NotificationsActiveOutlinedIcon from '@mui/icons-material/NotificationsActiveOutlined';
import UnsubscribeOutlinedIcon from '@mui/icons-material/UnsubscribeOutlined';
import { Box, IconButton, type SvgIconProps, Tooltip } from '@mui/material';
import { type ComponentType, type MouseEvent, type ReactNode, useState } from 'react';
import { type FieldProps, type Identifier, useCanAccess, useRecordContext } from 'react-admin';
import type { Client, Contact, InviteTarget, PortalStatus } from '../../types';
import { invitableStatuses } from '../invitations/invitation-choices';
import { InviteDialog } from '../invitations/invite-dialog';
import { useInvitationAction } from '../invitations/use-invitation-action';
import { choiceName, portalStatusChoices } from './client-choices';

// Envelope = not invited yet, bell = invited and pending, nothing once accepted
// (the convention staff know from CountingWorks PRO); problems get their own icons.
const icons: Record<
  Exclude<PortalStatus, 'accepted'>,
  [ComponentType<SvgIconProps>, SvgIconProps['color']]
> = {
  not_invited: [MailOutlineIcon, 'action'],
  invited: [NotificationsActiveOutlinedIcon, 'warning'],
  expired: [HourglassDisabledIcon, 'disabled'],
  revoked: [BlockIcon, 'disabled'],
  bounced: [UnsubscribeOutlinedIcon, 'error'],
};

type PortalRecord = Client | Contact;

const isContact = (record: PortalRecord): record is Contact => 'invitation' in record;

/**
 * Whether the portal status means anything for the record: an offline profile is a staff-side
 * record, never in the portal, and a client without a contact has no one to invite yet.
 */
const hasPortal = (record: PortalRecord) =>
  isContact(record) || (record.type !== 'offline' && record.primaryContact != null);

/** The invitation the bell reminds: a contact's latest, or a client's primary contact's. */
const invitationIdOf = (record: PortalRecord) =>
  isContact(record) ? record.invitation?.id : record.primaryContact?.invitationId;

const inviteTargetOf = (record: PortalRecord): InviteTarget =>
  isContact(record) ? { contactIds: [record.id] } : { clientIds: [record.id] };

// The icon sits in clickable rows: its clicks (and those in its dialog, which React bubbles
// through the portal) must not open the record.
const stopRowClick = (event: MouseEvent) => event.stopPropagation();

const ReminderButton = ({
  invitationId,
  name,
  hint,
  children,
}: {
  invitationId: Identifier;
  name: string;
  hint: string;
  children: ReactNode;
}) => {
  const { run, isPending } = useInvitationAction();
  return (
    <Tooltip title={hint} describeChild>
      <IconButton
        size="small"
        aria-label={`Send reminder to ${name}`}
        onClick={() => !isPending && run(invitationId, 'remind')}
        sx={{ my: -0.5 }}
      >
        {children}
      </IconButton>
    </Tooltip>
  );
};

const InviteButton = ({
  record,
  hint,
  open,
  setOpen,
  children,
}: {
  record: PortalRecord;
  hint: string;
  open: boolean;
  setOpen: (open: boolean) => void;
  children: ReactNode;
}) => (
  <>
    <Tooltip title={hint} describeChild>
      <IconButton
        size="small"
        aria-label={`Invite ${record.displayName}`}
        onClick={() => setOpen(true)}
        sx={{ my: -0.5 }}
      >
        {children}
      </IconButton>
    </Tooltip>
    <InviteDialog
      target={inviteTargetOf(record)}
      subject={record.displayName}
      open={open}
      onClose={() => setOpen(false)}
    />
  </>
);

/**
 * A client's or contact's portal status as an icon. For staff who may invite, the envelope opens
 * the invite dialog for that record and the bell sends a reminder.
 */
export const PortalStatusField = (props: Partial<FieldProps<PortalRecord>>) => {
  const record = useRecordContext<PortalRecord>(props);
  const { canAccess: canInvite } = useCanAccess({
    resource: record && isContact(record) ? 'contacts' : 'clients',
    action: 'invite',
  });
  const { canAccess: canRemind } = useCanAccess({ resource: 'invitations', action: 'remind' });
  // Once open, the invite dialog stays until closed, though the status it acts on moves on
  // behind it (a refetch on window focus, say): its summary must not vanish with the envelope.
  const [inviting, setInviting] = useState(false);
  if (!record || !hasPortal(record)) return null;
  const canInviteNow = canInvite && invitableStatuses.includes(record.portalStatus);
  if (!inviting && (record.portalStatus === 'accepted' || !icons[record.portalStatus])) {
    return null;
  }

  const [Icon, color] = icons[record.portalStatus as keyof typeof icons] ?? icons.not_invited;
  const label = choiceName(portalStatusChoices, record.portalStatus);
  const invitationId = invitationIdOf(record);

  const icon = <Icon color={color} fontSize="small" />;
  const action =
    inviting || canInviteNow ? (
      <InviteButton
        record={record}
        hint={record.portalStatus === 'not_invited' ? 'Invite' : `${label}: invite again`}
        open={inviting}
        setOpen={setInviting}
      >
        {icon}
      </InviteButton>
    ) : record.portalStatus === 'invited' && canRemind && invitationId != null ? (
      <ReminderButton
        invitationId={invitationId}
        name={record.displayName}
        hint={`${label}: send a reminder`}
      >
        {icon}
      </ReminderButton>
    ) : undefined;

  if (action) {
    return (
      <Box component="span" onClick={stopRowClick} sx={{ display: 'inline-flex' }}>
        {action}
      </Box>
    );
  }
  return (
    <Tooltip title={label}>
      <Box component="span" sx={{ display: 'inline-flex' }}>
        <Icon color={color} fontSize="small" titleAccess={label} />
      </Box>
    </Tooltip>
  );
};
