import ForwardToInboxOutlinedIcon from '@mui/icons-material/ForwardToInboxOutlined';
import MailOutlineIcon from '@mui/icons-material/MailOutline';
import SendOutlinedIcon from '@mui/icons-material/SendOutlined';
import { type ReactElement, useState } from 'react';
import { Button, useListContext } from 'react-admin';
import type { InviteTarget, PendingInvitations } from '../../types';
import { InviteDialog } from './invite-dialog';
import { countOf, type InviteResource, selectedTarget, selectionOf } from './invite-target';

interface InviteRun {
  label: string;
  icon: ReactElement;
  target: InviteTarget;
  subject: string;
  pending?: PendingInvitations;
}

/**
 * What a bulk invite does: the selection; the selection again for those still pending; or,
 * once the whole page is selected, everyone the list's filter matches (undefined when that
 * would add no one).
 */
const useInviteRun = (mode: 'selected' | 'resend' | 'matching'): InviteRun | undefined => {
  const { selectedIds, filterValues, total, data, resource } = useListContext();
  const listResource = resource as InviteResource;
  const selected = selectionOf(selectedIds.length, listResource);
  if (mode === 'selected') {
    return {
      label: 'Invite to Client Hub',
      icon: <MailOutlineIcon />,
      target: selectedTarget(listResource, selectedIds),
      subject: selected,
    };
  }
  if (mode === 'resend') {
    return {
      label: 'Re-invite pending',
      icon: <ForwardToInboxOutlinedIcon />,
      target: selectedTarget(listResource, selectedIds),
      subject: selected,
      pending: 'resend',
    };
  }
  const pageSelected = !!data?.length && data.every((record) => selectedIds.includes(record.id));
  if (!pageSelected || total === undefined || total <= selectedIds.length) return undefined;
  return {
    label: `Invite all ${total} matching`,
    icon: <SendOutlinedIcon />,
    target: { filter: filterValues, resource: listResource },
    subject: `All ${countOf(total, listResource)} matching the current filters`,
  };
};

const BulkInviteButton = ({ mode }: { mode: 'selected' | 'resend' | 'matching' }) => {
  const { onUnselectItems } = useListContext();
  const current = useInviteRun(mode);
  // The run as it was when its dialog opened: it stays until closed, though a refetch behind it
  // (on window focus) may change the selection or the count, or take this button away.
  const [opened, setOpened] = useState<InviteRun>();
  const run = opened ?? current;
  if (!run) return null;
  const { target, subject, pending } = run;
  return (
    <>
      {current && (
        <Button label={current.label} onClick={() => setOpened(current)}>
          {current.icon}
        </Button>
      )}
      <InviteDialog
        target={target}
        subject={subject}
        pending={pending}
        open={!!opened}
        onClose={() => setOpened(undefined)}
        onDone={() => onUnselectItems()}
      />
    </>
  );
};

/** Bulk actions of the clients and contacts lists (clients are reached through their primary contacts). */
export const BulkInviteButtons = () => (
  <>
    <BulkInviteButton mode="selected" />
    <BulkInviteButton mode="resend" />
    <BulkInviteButton mode="matching" />
  </>
);
