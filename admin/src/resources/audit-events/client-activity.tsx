import { Box, Typography } from '@mui/material';
import {
  Datagrid,
  Link,
  ReferenceManyField,
  TextField,
  useCanAccess,
  useCreatePath,
  useRecordContext,
} from 'react-admin';
import { FirmDateField } from '../../shared/firm-time';
import type { Client } from '../../types';
import { AuditActionField } from './audit-action-field';
import { AuditActorField } from './audit-actor-field';

const NoActivity = () => (
  <Typography variant="body2" color="text.secondary">
    No activity yet
  </Typography>
);

/**
 * The client's latest audit events, for whoever sees the client; Staff Admins also open each
 * event and the whole trail from here.
 */
export const ClientActivity = () => {
  const client = useRecordContext<Client>();
  const createPath = useCreatePath();
  const { canAccess: canSeeTrail } = useCanAccess({ resource: 'audit-events', action: 'list' });
  if (!client) return null;
  const filter = JSON.stringify({ clientId: client.id });
  return (
    <Box sx={{ gridColumn: '1 / -1' }}>
      <ReferenceManyField
        reference="audit-events"
        target="clientId"
        sort={{ field: 'at', order: 'DESC' }}
        perPage={10}
      >
        {/* A fixed window of the latest: no sorting or paging here, the audit trail has both. */}
        <Datagrid
          rowClick={canSeeTrail ? 'show' : false}
          bulkActionButtons={false}
          empty={<NoActivity />}
        >
          <FirmDateField source="at" label="When" sortable={false} />
          <AuditActionField label="Action" sortable={false} />
          <TextField source="summary" label="Summary" sortable={false} />
          <AuditActorField label="Who" sortable={false} />
        </Datagrid>
      </ReferenceManyField>
      {canSeeTrail && (
        <Link
          to={{
            pathname: createPath({ resource: 'audit-events', type: 'list' }),
            search: `?filter=${encodeURIComponent(filter)}`,
          }}
          variant="body2"
          sx={{ display: 'inline-block', mt: 1 }}
        >
          See all
        </Link>
      )}
    </Box>
  );
};
