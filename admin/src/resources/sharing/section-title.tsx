import { Typography } from '@mui/material';
import type { ReactNode } from 'react';

/** A heading inside the share dialog; its id labels the list below it. */
export const SectionTitle = ({ id, children }: { id: string; children: ReactNode }) => (
  <Typography variant="overline" color="text.secondary" component="h3" id={id}>
    {children}
  </Typography>
);
