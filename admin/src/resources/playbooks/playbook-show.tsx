import { Box, Chip, Stack, Typography } from '@mui/material';
import { EditButton, Show, TopToolbar, useRecordContext } from 'react-admin';
import { ShowCard, ShowColumns, ShowHeaderRow, ShowSection } from '../../components/show-layout';
import type { PlaybookStep, PlaybookView } from '../../types';
import { PlaybookEnabledToggle } from './playbook-enabled-toggle';
import { PlaybookRuns } from './playbook-runs';
import { StepText, TriggerText } from './playbook-summaries';

/** An email's or notification's Markdown source, as written. */
const MarkdownSource = ({ children }: { children: string }) => (
  <Typography
    variant="body2"
    color="text.secondary"
    component="div"
    sx={{
      whiteSpace: 'pre-wrap',
      overflowWrap: 'anywhere',
      mt: 0.5,
      pl: 1.5,
      borderLeft: 2,
      borderColor: 'divider',
    }}
  >
    {children}
  </Typography>
);

const StepItem = ({ step }: { step: PlaybookStep }) => (
  <Typography component="li" variant="body2" sx={{ mb: 1 }}>
    <StepText step={step} />
    {step.type === 'send_email' && <MarkdownSource>{step.body}</MarkdownSource>}
    {step.type === 'notify_owner' && <MarkdownSource>{step.message}</MarkdownSource>}
  </Typography>
);

const counts = (playbook: PlaybookView) => {
  const { running, completed, cancelled, failed } = playbook.runCounts;
  return `${running} in progress · ${completed} completed · ${cancelled} cancelled · ${failed} failed`;
};

const PlaybookDetails = () => {
  const playbook = useRecordContext<PlaybookView>();
  if (!playbook) return null;
  return (
    <ShowCard maxWidth={1200}>
      <ShowHeaderRow from="sm" align="center">
        <Box>
          <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
            <Typography variant="h5" component="h2" sx={{ overflowWrap: 'anywhere' }}>
              {playbook.name}
            </Typography>
            <Chip
              size="small"
              color={playbook.enabled ? 'success' : 'default'}
              label={playbook.enabled ? 'Enabled' : 'Disabled'}
            />
          </Stack>
          <Typography variant="body2" color="text.secondary" sx={{ mt: 0.5 }}>
            {playbook.createdBy ? `Created by ${playbook.createdBy.name} · ` : ''}
            {`Runs: ${counts(playbook)}`}
          </Typography>
        </Box>
        <PlaybookEnabledToggle />
      </ShowHeaderRow>
      <ShowColumns columns="minmax(0, 1fr) minmax(0, 2fr)" gap={3}>
        <ShowSection title="Trigger">
          <Typography variant="body2">
            <TriggerText trigger={playbook.trigger} />
          </Typography>
        </ShowSection>
        <ShowSection title="Steps">
          <Box component="ol" aria-label="Steps" sx={{ m: 0, pl: 3 }}>
            {playbook.steps.map((step, index) => (
              <StepItem key={index} step={step} />
            ))}
          </Box>
        </ShowSection>
      </ShowColumns>
      <ShowSection title="Runs">
        <Box sx={{ width: '100%', overflowX: 'auto' }}>
          <PlaybookRuns target="playbookId" />
        </Box>
      </ShowSection>
    </ShowCard>
  );
};

const PlaybookShowActions = () => (
  <TopToolbar>
    <EditButton />
  </TopToolbar>
);

/** The playbook's definition, then its runs with where each one is. */
export const PlaybookShow = () => (
  <Show component="div" actions={<PlaybookShowActions />}>
    <PlaybookDetails />
  </Show>
);
