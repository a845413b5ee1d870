import { Box } from '@mui/material';
import { PlaybookRuns } from './playbook-runs';

/** The client's playbook runs on its page (Staff Admins only, like playbooks), newest first. */
export const ClientPlaybookRuns = () => (
  <Box sx={{ gridColumn: '1 / -1', overflowX: 'auto' }}>
    <PlaybookRuns target="clientId" />
  </Box>
);
