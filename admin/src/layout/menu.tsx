import PhonelinkLockOutlinedIcon from '@mui/icons-material/PhonelinkLockOutlined';
import SettingsOutlinedIcon from '@mui/icons-material/SettingsOutlined';
import { Menu, useCanAccess } from 'react-admin';

/**
 * The dashboard, the resources' entries, the firm settings for those who may change them, and
 * everyone's own two-step sign-in.
 */
export const ClientHubMenu = () => {
  const { canAccess: canEditSettings } = useCanAccess({ resource: 'settings', action: 'edit' });
  return (
    <Menu>
      <Menu.DashboardItem />
      <Menu.ResourceItems />
      {canEditSettings && (
        <Menu.Item to="/settings" primaryText="Settings" leftIcon={<SettingsOutlinedIcon />} />
      )}
      <Menu.Item
        to="/security"
        primaryText="Two-step sign-in"
        leftIcon={<PhonelinkLockOutlinedIcon />}
      />
    </Menu>
  );
};
