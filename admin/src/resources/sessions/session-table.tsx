import { Button, Chip, Table, TableBody, TableCell, TableHead, TableRow } from '@mui/material';
import { useFirmTime } from '../../shared/firm-time';
import type { Session } from '../../types';

interface SessionTableProps {
  sessions: Session[];
  /** Offers "End" on each row when given. */
  onEnd?: (session: Session) => void;
  pending?: boolean;
}

/** Live sessions: device, address, signed in, last seen; this browser's marked. */
export const SessionTable = ({ sessions, onEnd, pending }: SessionTableProps) => {
  const format = useFirmTime();
  return (
    <Table size="small" aria-label="Sessions">
      <TableHead>
        <TableRow>
          <TableCell>Device</TableCell>
          <TableCell>Address</TableCell>
          <TableCell>Signed in</TableCell>
          <TableCell>Last seen</TableCell>
          {onEnd && <TableCell />}
        </TableRow>
      </TableHead>
      <TableBody>
        {sessions.map((s) => (
          <TableRow key={s.id}>
            <TableCell>
              {s.device}
              {s.current && <Chip size="small" label="This device" sx={{ ml: 1 }} />}
            </TableCell>
            <TableCell>{s.ip ?? '—'}</TableCell>
            <TableCell>{format(s.createdAt)}</TableCell>
            <TableCell>{format(s.lastSeenAt)}</TableCell>
            {onEnd && (
              <TableCell align="right">
                <Button size="small" color="error" disabled={pending} onClick={() => onEnd(s)}>
                  {s.current ? 'Sign out' : 'End'}
                </Button>
              </TableCell>
            )}
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
};
