import { defaultLightTheme, type RaThemeOptions } from 'react-admin';

// react-admin's light theme, in the firm's navy with quieter surfaces. No web fonts: the
// console must look right on an offline, self-hosted install.
export const theme: RaThemeOptions = {
  ...defaultLightTheme,
  palette: {
    ...defaultLightTheme.palette,
    primary: { main: '#1e40af' },
    secondary: { main: '#0f766e' },
    background: { default: '#f4f6fb', paper: '#ffffff' },
  },
  shape: { borderRadius: 8 },
  typography: {
    ...defaultLightTheme.typography,
    fontFamily:
      'Inter, system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
  },
  components: {
    ...defaultLightTheme.components,
    MuiAppBar: { defaultProps: { elevation: 0 } },
    MuiCard: { defaultProps: { variant: 'outlined' } },
    MuiPaper: { styleOverrides: { outlined: { borderColor: '#e3e7ef' } } },
    MuiTableCell: {
      styleOverrides: {
        ...defaultLightTheme.components?.MuiTableCell?.styleOverrides,
        head: { fontWeight: 600, color: '#475569' },
      },
    },
    RaToolbar: { styleOverrides: { root: { backgroundColor: 'transparent' } } },
  },
};
