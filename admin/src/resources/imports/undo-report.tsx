import {
  Card,
  CardContent,
  Chip,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@mui/material';
import { Link, useCreatePath } from 'react-admin';
import type { ImportUndoReport } from '../../types';

/** What undo did, and the clients it left alone because staff edited them after the import. */
export const UndoReport = ({ report }: { report: ImportUndoReport }) => {
  const createPath = useCreatePath();
  const { deleted, restored, skipped } = report;
  return (
    <Card component="section" aria-labelledby="undo-report-title">
      <CardContent>
        <Typography id="undo-report-title" variant="h6" component="h3" sx={{ mb: 1 }}>
          Undo report
        </Typography>
        <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap', mb: 2 }}>
          <Chip label={`${deleted} deleted`} />
          <Chip label={`${restored} restored`} />
          <Chip
            label={`${skipped.length} skipped`}
            color={skipped.length ? 'warning' : 'default'}
            variant={skipped.length ? 'filled' : 'outlined'}
          />
        </Stack>
        {skipped.length > 0 && (
          <>
            <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
              These clients were edited after the import, so undo left them as they are:
            </Typography>
            <Table size="small" aria-label="Clients skipped by undo">
              <TableHead>
                <TableRow>
                  <TableCell>Client</TableCell>
                  <TableCell>Reason</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {skipped.map(({ clientId, displayName, reason }) => (
                  <TableRow key={clientId}>
                    <TableCell>
                      <Link to={createPath({ resource: 'clients', id: clientId, type: 'show' })}>
                        {displayName}
                      </Link>
                    </TableCell>
                    <TableCell>{reason}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </>
        )}
      </CardContent>
    </Card>
  );
};
