import { Box, Typography } from '@mui/material';
import type { Dashboard } from '../types';
import { CountLink, listPath } from './count-link';

type Step = keyof Dashboard['funnel'];

const STEPS: { key: Step; label: string; filter: object; color: string }[] = [
  { key: 'clients', label: 'Clients', filter: {}, color: '#90a4ae' },
  { key: 'withEmail', label: 'With email', filter: { hasEmail: true }, color: '#64b5f6' },
  { key: 'invited', label: 'Invited', filter: { portalStatus: 'invited' }, color: '#1e88e5' },
  { key: 'accepted', label: 'Accepted', filter: { portalStatus: 'accepted' }, color: '#43a047' },
  { key: 'bounced', label: 'Bounced', filter: { portalStatus: 'bounced' }, color: '#e53935' },
  { key: 'expired', label: 'Expired', filter: { portalStatus: 'expired' }, color: '#fb8c00' },
];

/** Standard clients at each onboarding step, as bars scaled to the number of clients. */
export const OnboardingFunnel = ({ funnel }: { funnel: Dashboard['funnel'] }) => (
  <Box component="figure" sx={{ m: 0 }} aria-label="Onboarding funnel">
    {STEPS.map(({ key, label, filter, color }) => {
      const share = funnel.clients ? funnel[key] / funnel.clients : 0;
      return (
        <Box
          key={key}
          sx={{
            display: 'grid',
            gridTemplateColumns: '8rem 1fr 5rem',
            alignItems: 'center',
            gap: 2,
            py: 0.75,
          }}
        >
          <Typography variant="body2">{label}</Typography>
          <Box sx={{ bgcolor: 'action.hover', borderRadius: 1, height: 20 }}>
            <Box
              data-testid={`funnel-bar-${key}`}
              sx={{
                bgcolor: color,
                borderRadius: 1,
                height: '100%',
                width: `${Math.max(share * 100, funnel[key] ? 0.5 : 0)}%`,
              }}
            />
          </Box>
          <Box sx={{ textAlign: 'right' }}>
            <CountLink
              label={label}
              value={funnel[key]}
              to={listPath('clients', { type: 'standard', ...filter })}
            />
          </Box>
        </Box>
      );
    })}
  </Box>
);
