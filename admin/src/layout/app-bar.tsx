import DevicesOutlinedIcon from '@mui/icons-material/DevicesOutlined';
import { Box, Divider, ListItemIcon, ListItemText, MenuItem, Typography } from '@mui/material';
import { forwardRef } from 'react';
import { AppBar, Logout, TitlePortal, UserMenu, useUserMenu } from 'react-admin';
import { Link } from 'react-router-dom';
import logo from '../assets/logo.svg';

const SessionsMenuItem = forwardRef<HTMLAnchorElement>((props, ref) => {
  const userMenu = useUserMenu();
  return (
    <MenuItem {...props} ref={ref} component={Link} to="/sessions" onClick={userMenu?.onClose}>
      <ListItemIcon>
        <DevicesOutlinedIcon fontSize="small" />
      </ListItemIcon>
      <ListItemText>Your sessions</ListItemText>
    </MenuItem>
  );
});

/** Product name on the left, then the current page's title; the user menu lists sessions. */
export const ClientHubAppBar = () => (
  <AppBar
    color="primary"
    userMenu={
      <UserMenu>
        <SessionsMenuItem />
        <Logout />
      </UserMenu>
    }
  >
    <Box
      component="img"
      src={logo}
      alt=""
      // The mark is navy on navy: a thin light ring keeps it visible on the bar.
      sx={{ width: 26, height: 26, mr: 1, borderRadius: '7px', boxShadow: '0 0 0 1.5px #ffffffa6' }}
    />
    <Typography variant="h6" component="span" sx={{ fontWeight: 700, whiteSpace: 'nowrap' }}>
      Client Hub
    </Typography>
    <Divider
      orientation="vertical"
      flexItem
      sx={{ mx: 2, my: 1.5, borderColor: 'rgba(255,255,255,0.35)' }}
    />
    <TitlePortal variant="subtitle1" />
  </AppBar>
);
