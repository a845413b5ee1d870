import { Box, Card, CardContent, Divider, Stack, Typography } from '@mui/material';
import type { ReactNode } from 'react';

/** A titled part of a record's page. */
export const ShowSection = ({ title, children }: { title: string; children: ReactNode }) => (
  <Box component="section">
    <Typography variant="overline" color="text.secondary" component="h3">
      {title}
    </Typography>
    {children}
  </Box>
);

/** A record's page: one card, its parts stacked with dividers between. */
export const ShowCard = ({ maxWidth, children }: { maxWidth: number; children: ReactNode }) => (
  <Card sx={{ maxWidth }}>
    <CardContent>
      <Stack spacing={3} divider={<Divider flexItem />}>
        {children}
      </Stack>
    </CardContent>
  </Card>
);

/** The record's name as the page's heading, with its status chips beside it. */
export const ShowTitle = ({ title, children }: { title: ReactNode; children: ReactNode }) => (
  <Stack direction="row" spacing={1.5} sx={{ alignItems: 'center' }}>
    <Typography variant="h5" component="h2">
      {title}
    </Typography>
    {children}
  </Stack>
);

interface ShowHeaderRowProps {
  /** From this width on, the parts stand side by side. */
  from: 'sm' | 'md';
  align: 'flex-start' | 'center';
  children: ReactNode;
}

/** The page's head: what the record is on the left, what to do with it on the right. */
export const ShowHeaderRow = ({ from, align, children }: ShowHeaderRowProps) => (
  <Stack
    direction={{ xs: 'column', [from]: 'row' }}
    spacing={2}
    sx={{ justifyContent: 'space-between', alignItems: { [from]: align } }}
  >
    {children}
  </Stack>
);

interface ShowColumnsProps {
  /** The grid's columns on wide screens (one column on phones). */
  columns: string;
  gap: number;
  children: ReactNode;
}

/** Sections side by side on wide screens, one under the other on phones. */
export const ShowColumns = ({ columns, gap, children }: ShowColumnsProps) => (
  <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', md: columns }, gap }}>
    {children}
  </Box>
);
