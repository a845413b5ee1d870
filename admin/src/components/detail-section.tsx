import { Box, Typography } from '@mui/material';
import type { ReactNode } from 'react';
import { Labeled, TextField } from 'react-admin';

/** A titled two-column block of fields, on a show page or a form. */
export const DetailSection = ({ title, children }: { title: string; children: ReactNode }) => (
  <Box sx={{ width: '100%', maxWidth: 720 }}>
    <Typography variant="overline" color="text.secondary" component="h3">
      {title}
    </Typography>
    <Box
      sx={{
        display: 'grid',
        gridTemplateColumns: { xs: '1fr', sm: 'repeat(2, minmax(0, 1fr))' },
        columnGap: 2,
        rowGap: 1,
      }}
    >
      {children}
    </Box>
  </Box>
);

/** One read-only field of a section, with its label; empty values show a dash. */
export const SectionDetail = ({ label, source }: { label: string; source: string }) => (
  <Labeled label={label}>
    <TextField source={source} emptyText="—" />
  </Labeled>
);
