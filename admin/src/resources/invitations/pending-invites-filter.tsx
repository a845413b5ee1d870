import NotificationsActiveOutlinedIcon from '@mui/icons-material/NotificationsActiveOutlined';
import { ToggleButton } from '@mui/material';
import type { ReactNode } from 'react';
import { CreateButton, FilterButton, TopToolbar, useListContext } from 'react-admin';

/**
 * Quick filter on `portalStatus = invited`. It sets the same filter value as the "Portal status"
 * select, so the two always agree.
 */
const PendingInvitesFilter = () => {
  const { filterValues, displayedFilters, setFilters } = useListContext();
  const active = filterValues.portalStatus === 'invited';
  const toggle = () => {
    const { portalStatus: _, ...others } = filterValues;
    setFilters(active ? others : { ...others, portalStatus: 'invited' }, displayedFilters);
  };
  return (
    <ToggleButton
      value="invited"
      selected={active}
      onChange={toggle}
      size="small"
      color="primary"
      sx={{ py: 0.25, gap: 0.5, textTransform: 'none' }}
    >
      <NotificationsActiveOutlinedIcon fontSize="small" />
      Pending invites
    </ToggleButton>
  );
};

/**
 * The clients and contacts lists' toolbar: the quick filter, the list's own buttons if any, then
 * react-admin's usual ones.
 */
export const PortalListActions = ({ children }: { children?: ReactNode }) => (
  <TopToolbar sx={{ alignItems: 'center' }}>
    <PendingInvitesFilter />
    {children}
    <FilterButton />
    <CreateButton />
  </TopToolbar>
);
