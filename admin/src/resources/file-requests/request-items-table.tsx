import { Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import type { FileRequestItemView, FileRequestView } from '../../types';
import { ItemStatusChip } from './file-request-chips';
import { RequestItemActions } from './request-item-actions';
import { FileRefLink } from './request-files-links';

/** Staff's rejection reason, or the contact's word on why the item does not apply. */
const ItemNote = ({ item }: { item: FileRequestItemView }) => {
  if (item.status === 'rejected' && item.rejectionReason) {
    return <>Rejected: {item.rejectionReason}</>;
  }
  if (item.notApplicableComment) return <>Not applicable: {item.notApplicableComment}</>;
  if (item.rejectionReason) return <>Last rejected: {item.rejectionReason}</>;
  return null;
};

/** One row an item: what was asked, where it stands, what came in, and the review buttons. */
export const RequestItemsTable = ({ request }: { request: FileRequestView }) => (
  <Table size="small" aria-label="Requested items">
    <TableHead sx={{ '& th': { whiteSpace: 'nowrap' } }}>
      <TableRow>
        <TableCell>Item</TableCell>
        <TableCell>Status</TableCell>
        <TableCell>Note</TableCell>
        <TableCell>Uploaded file</TableCell>
        <TableCell aria-label="Actions" />
      </TableRow>
    </TableHead>
    <TableBody>
      {request.items.map((item) => (
        <TableRow key={item.id}>
          <TableCell sx={{ minWidth: 180, overflowWrap: 'anywhere' }}>
            <Typography variant="body2" sx={{ fontWeight: 500 }}>
              {item.title}
            </Typography>
            {item.description && (
              <Typography variant="body2" color="text.secondary">
                {item.description}
              </Typography>
            )}
            {item.updatesFile && (
              <Typography variant="caption" color="text.secondary" component="div">
                Update of {item.updatesFile.name}
              </Typography>
            )}
          </TableCell>
          <TableCell>
            <ItemStatusChip status={item.status} />
          </TableCell>
          <TableCell sx={{ minWidth: 160, overflowWrap: 'anywhere' }}>
            <ItemNote item={item} />
          </TableCell>
          <TableCell>
            {item.file ? (
              <FileRefLink file={item.file} />
            ) : (
              <Typography variant="body2" color="text.secondary">
                —
              </Typography>
            )}
          </TableCell>
          <TableCell align="right">
            <RequestItemActions request={request} item={item} />
          </TableCell>
        </TableRow>
      ))}
    </TableBody>
  </Table>
);
