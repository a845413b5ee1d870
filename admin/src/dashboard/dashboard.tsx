import { Alert, Box, Card, CardContent, CircularProgress, Typography } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { Title, useDataProvider } from 'react-admin';
import { CAMPAIGNS_IN_PROGRESS } from '@server/modules/dashboard/dashboard.view';
import type { ClientHubDataProvider } from '../providers/data-provider';
import { CountLink, listPath } from './count-link';
import { OnboardingFunnel } from './onboarding-funnel';

const Panel = ({ title, children }: { title: string; children: ReactNode }) => (
  <Card component="section" aria-label={title}>
    <CardContent>
      <Typography variant="h6" component="h2" gutterBottom>
        {title}
      </Typography>
      {children}
    </CardContent>
  </Card>
);

const Figure = ({ label, value, to }: { label: string; value: number; to: string }) => (
  <Box sx={{ minWidth: '9rem' }}>
    <CountLink label={label} value={value} to={to} variant="h4" />
    <Typography variant="body2" color="text.secondary">
      {label}
    </Typography>
  </Box>
);

/** The console's home page: where onboarding stands and what needs doing today. */
export const Dashboard = () => {
  const dataProvider = useDataProvider<ClientHubDataProvider>();
  const { data, error } = useQuery({
    queryKey: ['dashboard'],
    queryFn: () => dataProvider.getDashboard(),
  });
  if (error) return <Alert severity="error">{error.message}</Alert>;
  if (!data) return <CircularProgress sx={{ m: 4 }} aria-label="Loading the dashboard" />;
  const running = [
    data.importsInProgress !== null && (
      <Figure
        key="imports"
        label="Imports in progress"
        value={data.importsInProgress}
        to={listPath('imports')}
      />
    ),
    data.campaignsInProgress !== null && (
      <Figure
        key="campaigns"
        label="Campaigns in progress"
        value={data.campaignsInProgress}
        to={listPath('campaigns', { status: CAMPAIGNS_IN_PROGRESS })}
      />
    ),
  ].filter(Boolean);
  return (
    <Box sx={{ display: 'grid', gap: 2, mt: 2, gridTemplateColumns: { md: '3fr 2fr' } }}>
      <Title title="Dashboard" />
      <Box sx={{ gridRow: { md: 'span 3' } }}>
        <Panel title="Onboarding funnel">
          <OnboardingFunnel funnel={data.funnel} />
        </Panel>
      </Box>
      <Panel title="Today">
        <Figure
          label="Invitations awaiting a reminder today"
          value={data.remindersDueToday}
          to={listPath('clients', { reminderDueToday: true })}
        />
      </Panel>
      <Panel title="File requests">
        <Box sx={{ display: 'flex', gap: 4 }}>
          <Figure
            label="Open"
            value={data.fileRequests.open}
            to={listPath('file-requests', { status: 'open' })}
          />
          <Figure
            label="Overdue"
            value={data.fileRequests.overdue}
            to={listPath('file-requests', { overdue: true })}
          />
        </Box>
      </Panel>
      {running.length > 0 && (
        <Panel title="In progress">
          <Box sx={{ display: 'flex', gap: 4 }}>{running}</Box>
        </Panel>
      )}
    </Box>
  );
};
