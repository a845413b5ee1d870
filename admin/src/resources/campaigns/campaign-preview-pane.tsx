import { Alert, Box, LinearProgress, Paper, Typography } from '@mui/material';
import { useId } from 'react';
import type { Identifier } from 'react-admin';
import { useCampaignPreview } from './use-campaign-preview';

interface CampaignPreviewPaneProps {
  subject?: string;
  body?: string;
  segmentId?: Identifier | null;
  title?: string;
}

/**
 * The email as a recipient gets it, rendered by the API (the same code that sends it) and shown
 * in a sandboxed frame: no script runs, nothing in it reaches the console.
 */
export const CampaignPreviewPane = ({
  subject,
  body,
  segmentId,
  title = 'Preview',
}: CampaignPreviewPaneProps) => {
  const titleId = useId();
  const { data, error, isEmpty, isStale, isFetching } = useCampaignPreview({
    subject,
    body,
    segmentId,
  });
  const values = data?.mergeValues;
  return (
    <Paper
      variant="outlined"
      component="section"
      aria-labelledby={titleId}
      aria-busy={isStale || isFetching}
      sx={{ p: 2, position: 'relative', overflow: 'hidden' }}
    >
      {(isStale || isFetching) && !isEmpty && (
        <LinearProgress
          aria-label="Rendering the preview"
          sx={{ position: 'absolute', top: 0, left: 0, right: 0 }}
        />
      )}
      <Typography variant="overline" color="text.secondary" component="h3" id={titleId}>
        {title}
      </Typography>
      {isEmpty && !data && (
        <Typography variant="body2" color="text.secondary">
          Write a subject and a message to see the email here.
        </Typography>
      )}
      {error && (
        <Alert severity="error" sx={{ mb: 1 }}>
          {error.message || 'Could not render the preview'}
        </Alert>
      )}
      {data && (
        <>
          {values && (
            <Typography variant="body2" color="text.secondary">
              {`As ${values.fullName || values.email} (${values.email}) of ${values.clientName} would get it`}
            </Typography>
          )}
          <Typography variant="subtitle1" component="p" sx={{ overflowWrap: 'anywhere', my: 1 }}>
            <Box component="span" sx={{ color: 'text.secondary' }}>
              Subject:{' '}
            </Box>
            {data.subject}
          </Typography>
          <Box
            component="iframe"
            title="Email preview"
            sandbox=""
            srcDoc={data.html}
            sx={{
              width: '100%',
              height: 520,
              border: 1,
              borderColor: 'divider',
              borderRadius: 1,
              bgcolor: 'common.white',
            }}
          />
        </>
      )}
    </Paper>
  );
};
