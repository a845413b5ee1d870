import { Box, Link, Typography } from '@mui/material';
import { email, Login, LoginForm, PasswordInput, required, TextInput } from 'react-admin';
import logo from '../assets/logo.svg';

// The API signs staff in by email; react-admin's login() still receives it as `username`.
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
    <LoginForm>
      <TextInput
        autoFocus
        source="username"
        label="Email"
        type="email"
        autoComplete="username"
        validate={[required(), email()]}
      />
      <PasswordInput
        source="password"
        label="Password"
        autoComplete="current-password"
        validate={required()}
      />
    </LoginForm>
    <Box sx={{ textAlign: 'center', pb: 2 }}>
      <Link href="/portal/forgot-password?staff=1" variant="body2">
        Forgot your password?
      </Link>
    </Box>
  </Login>
);
