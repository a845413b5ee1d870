import { Alert, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { useId } from 'react';
import type { InviteResult } from '../../types';
import { BulkInviteProgress } from './bulk-invite-progress';
import { skipReasons } from './invitation-choices';

/** What one invitation run did: counts, then whom it skipped and why, in the API's words. */
export const InviteSummary = ({ result }: { result: InviteResult }) => {
  const { invited, resent, skipped } = result;
  const skippedCount = result.skippedCount ?? skipped.length;
  const skippedTitleId = useId();
  return (
    <>
      <Alert severity={invited + resent > 0 ? 'success' : 'warning'} sx={{ mb: 2 }}>
        {/* Re-sending is only asked for now and then: "re-sent 0" would be noise otherwise. */}
        Invited {invited}
        {resent > 0 && `, re-sent ${resent}`}
        {skippedCount > 0 && `, skipped ${skippedCount}`}
      </Alert>
      {result.batchId && <BulkInviteProgress batchId={result.batchId} />}
      {skipped.length > 0 && (
        <>
          <Typography variant="subtitle2" component="h3" id={skippedTitleId}>
            Skipped
          </Typography>
          <Table size="small" aria-labelledby={skippedTitleId}>
            <TableHead>
              <TableRow>
                <TableCell>Client or contact</TableCell>
                <TableCell>Reason</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {skipped.map((skip, index) => (
                <TableRow key={`${skip.contactId ?? skip.clientId}-${index}`}>
                  <TableCell sx={{ overflowWrap: 'anywhere' }}>
                    <Typography variant="body2">{skip.name}</Typography>
                    {skip.email && skip.email !== skip.name && (
                      <Typography variant="body2" color="text.secondary">
                        {skip.email}
                      </Typography>
                    )}
                  </TableCell>
                  <TableCell>
                    <Typography variant="body2" sx={{ fontWeight: 500 }}>
                      {skipReasons[skip.reason] ?? skip.reason}
                    </Typography>
                    <Typography variant="body2" color="text.secondary">
                      {skip.message}
                    </Typography>
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
          {skippedCount > skipped.length && (
            <Typography variant="body2" color="text.secondary" sx={{ mt: 1 }}>
              {skippedCount - skipped.length} more skipped, not listed here.
            </Typography>
          )}
        </>
      )}
    </>
  );
};
