import {
  Alert,
  Box,
  LinearProgress,
  List,
  ListItem,
  ListItemText,
  Paper,
  Typography,
} from '@mui/material';
import { useId } from 'react';
import { Link, useCreatePath } from 'react-admin';
import { useWatch } from 'react-hook-form';
import { reachText } from './segment-filter';
import { useSegmentPreview } from './use-segment-preview';

/**
 * Who the filter being edited reaches right now: "N clients · M reachable contacts" and the
 * first few clients, recounted as the filter changes.
 */
export const SegmentPreviewPanel = () => {
  const titleId = useId();
  const filter = useWatch({ name: 'filter' }) as object | undefined;
  const { data, error, isStale, isPending } = useSegmentPreview(filter);
  const createPath = useCreatePath();
  return (
    <Paper
      variant="outlined"
      component="section"
      aria-labelledby={titleId}
      aria-busy={isStale}
      sx={{ p: 2, position: 'relative', overflow: 'hidden' }}
    >
      {isStale && (
        <LinearProgress
          aria-label="Counting"
          sx={{ position: 'absolute', top: 0, left: 0, right: 0 }}
        />
      )}
      <Typography variant="overline" color="text.secondary" component="h3" id={titleId}>
        Live preview
      </Typography>
      {error && (
        <Alert severity="error" sx={{ mb: 1 }}>
          {error.message || 'Could not count the clients'}
        </Alert>
      )}
      {isPending && !data && (
        <Typography variant="body2" color="text.secondary">
          Counting…
        </Typography>
      )}
      {data && (
        <>
          <Typography variant="h6" component="p" role="status" aria-live="polite">
            {reachText(data.clientCount, data.reachableContacts)}
          </Typography>
          <Typography variant="caption" color="text.secondary" component="p">
            Reachable: contacts with an email who have not unsubscribed.
          </Typography>
          {data.sample.length > 0 && (
            <List dense disablePadding aria-label="Matching clients" sx={{ mt: 1 }}>
              {data.sample.map((client) => (
                <ListItem key={client.id} disableGutters>
                  <ListItemText
                    primary={
                      <Link to={createPath({ resource: 'clients', id: client.id, type: 'show' })}>
                        {client.displayName}
                      </Link>
                    }
                    secondary={client.email ?? 'No email'}
                  />
                </ListItem>
              ))}
            </List>
          )}
          {data.clientCount > data.sample.length && (
            <Box>
              <Typography variant="body2" color="text.secondary">
                {`… and ${(data.clientCount - data.sample.length).toLocaleString()} more`}
              </Typography>
            </Box>
          )}
        </>
      )}
    </Paper>
  );
};
