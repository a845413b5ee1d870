import { List, ListItem, ListItemText, Typography } from '@mui/material';
import { useId } from 'react';
import type { FileRequestEventView } from '../../types';
import { useFirmTime } from '../../shared/firm-time';

const actorText = ({ actor }: FileRequestEventView) =>
  actor.type === 'contact' ? `${actor.name} (portal)` : actor.name;

/** What happened to the request, newest first: sent, reminders, uploads, decisions. */
export const FileRequestTimeline = ({ events }: { events: FileRequestEventView[] }) => {
  const firmTime = useFirmTime();
  const titleId = useId();
  // The API lists them in order (events of one change share its time), oldest first.
  const newestFirst = [...events].reverse();
  return (
    <>
      <Typography variant="overline" color="text.secondary" component="h3" id={titleId}>
        Timeline
      </Typography>
      {newestFirst.length === 0 ? (
        <Typography variant="body2" color="text.secondary">
          Nothing yet
        </Typography>
      ) : (
        <List dense aria-labelledby={titleId}>
          {newestFirst.map((event) => (
            <ListItem key={event.id} disableGutters>
              <ListItemText
                primary={event.detail || event.kind}
                secondary={`${firmTime(event.at)} · ${actorText(event)}`}
              />
            </ListItem>
          ))}
        </List>
      )}
    </>
  );
};
