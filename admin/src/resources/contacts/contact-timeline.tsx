import BlockIcon from '@mui/icons-material/Block';
import CheckCircleOutlineIcon from '@mui/icons-material/CheckCircleOutline';
import ErrorOutlineIcon from '@mui/icons-material/ErrorOutline';
import ForwardToInboxOutlinedIcon from '@mui/icons-material/ForwardToInboxOutlined';
import HourglassDisabledIcon from '@mui/icons-material/HourglassDisabled';
import MarkEmailReadOutlinedIcon from '@mui/icons-material/MarkEmailReadOutlined';
import NotificationsActiveOutlinedIcon from '@mui/icons-material/NotificationsActiveOutlined';
import ReportOutlinedIcon from '@mui/icons-material/ReportOutlined';
import ScheduleSendOutlinedIcon from '@mui/icons-material/ScheduleSendOutlined';
import SendOutlinedIcon from '@mui/icons-material/SendOutlined';
import UnsubscribeOutlinedIcon from '@mui/icons-material/UnsubscribeOutlined';
import {
  Alert,
  List,
  ListItem,
  ListItemIcon,
  ListItemText,
  type SvgIconProps,
  Typography,
} from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { type ComponentType, useId } from 'react';
import { type Identifier, useDataProvider } from 'react-admin';
import type { ClientHubDataProvider } from '../../providers/data-provider';
import { useFirmTime } from '../../shared/firm-time';

// The kinds the console has words for; another one shows as it is.
const kinds: Record<
  string,
  { label: string; Icon: ComponentType<SvgIconProps>; color: SvgIconProps['color'] }
> = {
  invited: { label: 'Invitation sent', Icon: SendOutlinedIcon, color: 'primary' },
  reminder_sent: {
    label: 'Reminder sent',
    Icon: NotificationsActiveOutlinedIcon,
    color: 'warning',
  },
  resent: { label: 'Invitation re-sent', Icon: ForwardToInboxOutlinedIcon, color: 'primary' },
  delivered: { label: 'Delivered', Icon: MarkEmailReadOutlinedIcon, color: 'success' },
  bounced: { label: 'Bounced', Icon: UnsubscribeOutlinedIcon, color: 'error' },
  soft_bounced: {
    label: 'Delivery delayed (temporary bounce)',
    Icon: ScheduleSendOutlinedIcon,
    color: 'warning',
  },
  complained: { label: 'Marked as spam', Icon: ReportOutlinedIcon, color: 'error' },
  accepted: { label: 'Accepted', Icon: CheckCircleOutlineIcon, color: 'success' },
  revoked: { label: 'Revoked', Icon: BlockIcon, color: 'disabled' },
  expired: { label: 'Expired', Icon: HourglassDisabledIcon, color: 'disabled' },
  send_failed: { label: 'Sending failed', Icon: ErrorOutlineIcon, color: 'error' },
};

interface ContactTimelineProps {
  contactId: Identifier;
  /** Poll while the invitation is pending: deliveries and reminders arrive from the workflow. */
  live: boolean;
}

/** Everything that happened to the contact's invitations, newest first (the API's order). */
export const ContactTimeline = ({ contactId, live }: ContactTimelineProps) => {
  const firmTime = useFirmTime();
  const dataProvider = useDataProvider<ClientHubDataProvider>();
  const titleId = useId();
  // Keyed under the resource, so react-admin's refresh (after a reminder…) refetches it.
  const { data, error, isPending } = useQuery({
    queryKey: ['contacts', 'timeline', contactId],
    queryFn: () => dataProvider.getContactTimeline(contactId),
    refetchInterval: live ? 5000 : false,
  });

  return (
    <>
      <Typography variant="overline" color="text.secondary" component="h3" id={titleId}>
        Invitation timeline
      </Typography>
      {error && <Alert severity="error">{error.message}</Alert>}
      {!isPending && data?.length === 0 && (
        <Typography variant="body2" color="text.secondary">
          Nothing yet
        </Typography>
      )}
      {data && data.length > 0 && (
        <List dense aria-labelledby={titleId}>
          {data.map((event) => {
            const kind = kinds[event.kind];
            const Icon = kind?.Icon ?? SendOutlinedIcon;
            return (
              <ListItem key={event.id} disableGutters>
                <ListItemIcon sx={{ minWidth: 36 }}>
                  <Icon color={kind?.color} fontSize="small" />
                </ListItemIcon>
                <ListItemText
                  primary={kind?.label ?? event.kind}
                  secondary={[firmTime(event.at), event.detail].filter(Boolean).join(' · ')}
                />
              </ListItem>
            );
          })}
        </List>
      )}
    </>
  );
};
