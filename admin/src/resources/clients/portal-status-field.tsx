import BlockIcon from '@mui/icons-material/Block';
import HourglassDisabledIcon from '@mui/icons-material/HourglassDisabled';
import MailOutlineIcon from '@mui/icons-material/MailOutline';
import NotificationsActiveOutlinedIcon from '@mui/icons-material/NotificationsActiveOutlined';
import UnsubscribeOutlinedIcon from '@mui/icons-material/UnsubscribeOutlined';
import { Box, type SvgIconProps, Tooltip } from '@mui/material';
import type { ComponentType } from 'react';
import { type FieldProps, useRecordContext } from 'react-admin';
import type { Client, PortalStatus } from '../../types';
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

export const PortalStatusField = (props: Partial<FieldProps<Client>>) => {
  const record = useRecordContext<Client>(props);
  if (!record || record.portalStatus === 'accepted' || !icons[record.portalStatus]) return null;
  const [Icon, color] = icons[record.portalStatus];
  const label = choiceName(portalStatusChoices, record.portalStatus);
  return (
    <Tooltip title={label}>
      <Box component="span" sx={{ display: 'inline-flex' }}>
        <Icon color={color} fontSize="small" titleAccess={label} />
      </Box>
    </Tooltip>
  );
};
