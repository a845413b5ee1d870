import { Box, Switch } from '@mui/material';
import { useState } from 'react';
import { type FieldProps, useRecordContext } from 'react-admin';
import { ConfirmAction } from '../../components/confirm-action';
import type { PlaybookView } from '../../types';
import { plural } from './playbook-choices';
import { usePlaybookAction } from './use-playbook-action';

/**
 * Switches the playbook on or off at once (in a list row or on its page); switching off a
 * playbook with runs in progress asks first, since they are cancelled.
 */
export const PlaybookEnabledToggle = (props: Partial<FieldProps<PlaybookView>>) => {
  const playbook = useRecordContext<PlaybookView>(props);
  const { setEnabled, isPending } = usePlaybookAction();
  const [confirming, setConfirming] = useState(false);
  if (!playbook) return null;
  const running = playbook.runCounts.running;

  const change = (enabled: boolean) => {
    if (!enabled && running > 0) setConfirming(true);
    else void setEnabled(playbook, enabled);
  };

  return (
    // A list row opens the playbook on click: the switch (and its dialog) keep the click.
    <Box component="span" onClick={(event) => event.stopPropagation()}>
      <Switch
        checked={playbook.enabled}
        disabled={isPending}
        onChange={(event) => change(event.target.checked)}
        slotProps={{ input: { 'aria-label': `${playbook.name} enabled` } }}
      />
      <ConfirmAction
        open={confirming}
        pending={isPending}
        title={`Disable "${playbook.name}"?`}
        content={`Its ${plural(running, 'run')} in progress will be cancelled. While it is off, no new runs start.`}
        confirm="Disable"
        cancel="Keep enabled"
        confirmColor="warning"
        onClose={() => setConfirming(false)}
        onConfirm={() => setEnabled(playbook, false)}
      />
    </Box>
  );
};
