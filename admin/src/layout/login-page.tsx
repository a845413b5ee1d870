import { Box, Link, Typography } from '@mui/material';
import { Login } from 'react-admin';
import logo from '../assets/logo.svg';
import { SignInSteps } from '../security/sign-in-steps';

export const LoginPage = () => (
  <Login
    avatarIcon={<Box component="img" src={logo} alt="" sx={{ width: 40, height: 40 }} />}
    sx={{
      backgroundImage: 'radial-gradient(circle at 50% 14em, #1e40af 0%, #0b1a4a 65%)',
      '& .RaLogin-icon': { bgcolor: 'transparent', width: 56, height: 56 },
    }}
  >
    <Box sx={{ textAlign: 'center', px: 2 }}>
      <Typography variant="h5" component="h1" sx={{ fontWeight: 700 }}>
        Client Hub
      </Typography>
      <Typography variant="body2" color="text.secondary">
        Staff sign-in
      </Typography>
    </Box>
    <SignInSteps />
    <Box sx={{ textAlign: 'center', pb: 2 }}>
      <Link href="/portal/forgot-password?staff=1" variant="body2">
        Forgot your password?
      </Link>
    </Box>
  </Login>
);
