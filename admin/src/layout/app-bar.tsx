import { Box, Divider, Typography } from '@mui/material';
import { AppBar, TitlePortal } from 'react-admin';
import logo from '../assets/logo.svg';

/** Product name on the left, then the current page's title. */
export const ClientHubAppBar = () => (
  <AppBar color="primary">
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
