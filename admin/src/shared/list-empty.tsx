import type { SvgIconComponent } from '@mui/icons-material';
import { Box, Typography } from '@mui/material';
import type { ReactNode } from 'react';

interface ListEmptyProps {
  icon: SvgIconComponent;
  title: string;
  text: ReactNode;
  /** The way forward: the buttons that fill the list. */
  children: ReactNode;
}

/** What an empty list shows instead of a table: what the list is for, and how to start it. */
export const ListEmpty = ({ icon: Icon, title, text, children }: ListEmptyProps) => (
  <Box sx={{ textAlign: 'center', mt: 8, mx: 'auto', maxWidth: 460 }}>
    <Icon sx={{ fontSize: 72, color: 'text.disabled' }} />
    <Typography variant="h6" component="p" sx={{ mt: 1 }}>
      {title}
    </Typography>
    <Typography variant="body2" color="text.secondary" sx={{ mb: 3 }}>
      {text}
    </Typography>
    {children}
  </Box>
);
