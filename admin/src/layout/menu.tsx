import SettingsOutlinedIcon from '@mui/icons-material/SettingsOutlined';
import { Menu, useCanAccess } from 'react-admin';

/** The dashboard, the resources' entries, then the firm settings for those who may change them. */
export const ClientHubMenu = () => {
  const { canAccess: canEditSettings } = useCanAccess({ resource: 'settings', action: 'edit' });
  return (
    <Menu>
      <Menu.DashboardItem />
      <Menu.ResourceItems />
      {canEditSettings && (
        <Menu.Item to="/settings" primaryText="Settings" leftIcon={<SettingsOutlinedIcon />} />
      )}
    </Menu>
  );
};
