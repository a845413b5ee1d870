import HistoryIcon from '@mui/icons-material/History';
import {
  Box,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  Typography,
} from '@mui/material';
import { useId, useState } from 'react';
import type { PlaybookRunView } from '../../types';
import { useFirmTime } from '../../shared/firm-time';

const outcomes = { done: 'Done', skipped: 'Skipped', waiting: 'Waiting', failed: 'Failed' };

const RunLog = ({ run }: { run: PlaybookRunView }) => {
  const firmTime = useFirmTime();
  if (!run.log.length) {
    return (
      <Typography variant="body2" color="text.secondary">
        No step has run yet
      </Typography>
    );
  }
  return (
    <Box component="ol" sx={{ m: 0, pl: 3 }}>
      {run.log.map((entry, index) => (
        <Typography
          component="li"
          variant="body2"
          key={index}
          value={entry.step + 1}
          sx={{ mb: 1 }}
        >
          {`${outcomes[entry.outcome] ?? entry.outcome}: ${entry.detail}`}
          <Typography component="span" variant="body2" color="text.secondary">
            {` · ${firmTime(entry.at)}`}
          </Typography>
        </Typography>
      ))}
    </Box>
  );
};

/** What each step of the run did, oldest first (numbered by step), in a dialog. */
export const RunHistoryButton = ({ run }: { run: PlaybookRunView }) => {
  const [open, setOpen] = useState(false);
  const titleId = useId();
  return (
    <>
      <Button
        size="small"
        startIcon={<HistoryIcon />}
        aria-label={`History of the run for ${run.clientName}`}
        onClick={() => setOpen(true)}
        sx={{ whiteSpace: 'nowrap' }}
      >
        History
      </Button>
      <Dialog
        open={open}
        onClose={() => setOpen(false)}
        aria-labelledby={titleId}
        maxWidth="sm"
        fullWidth
      >
        <DialogTitle id={titleId}>{`${run.playbookName}: run for ${run.clientName}`}</DialogTitle>
        <DialogContent>
          <RunLog run={run} />
          {(run.error ?? run.cancelReason) && (
            <Typography variant="body2" color="text.secondary" sx={{ mt: 2 }}>
              {run.error ?? run.cancelReason}
            </Typography>
          )}
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setOpen(false)}>Close</Button>
        </DialogActions>
      </Dialog>
    </>
  );
};
