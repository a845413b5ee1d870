import { type Theme, useMediaQuery } from '@mui/material';
import { Datagrid, FilterButton, List, SimpleList, TextField, TopToolbar } from 'react-admin';
import { ListPagination } from '../../shared/list-pagination';
import { FirmDateField } from '../../shared/firm-time';
import type { AuditEvent } from '../../types';
import { AuditActionField } from './audit-action-field';
import { AuditActorField } from './audit-actor-field';
import { auditActionLabel } from './audit-choices';
import { AuditExportButton } from './audit-export-button';
import { auditFilters } from './audit-filters';
import { useFirmTime } from '../../shared/firm-time';

export const AuditList = () => {
  const firmTime = useFirmTime();
  const isSmall = useMediaQuery<Theme>((theme) => theme.breakpoints.down('md'));
  return (
    <List<AuditEvent>
      perPage={50}
      exporter={false}
      sort={{ field: 'at', order: 'DESC' }}
      filters={auditFilters}
      actions={
        <TopToolbar>
          <FilterButton />
          <AuditExportButton />
        </TopToolbar>
      }
      pagination={<ListPagination rowsPerPageOptions={[25, 50, 100]} />}
    >
      {isSmall ? (
        <SimpleList<AuditEvent>
          primaryText={(event) => event.summary}
          secondaryText={(event) =>
            [auditActionLabel(event.action), event.actorEmail].filter(Boolean).join(' · ')
          }
          tertiaryText={(event) => firmTime(event.at)}
          linkType="show"
        />
      ) : (
        // The API sorts events by time and action only.
        <Datagrid rowClick="show" bulkActionButtons={false}>
          <FirmDateField source="at" label="When" />
          <AuditActorField label="Who" sortable={false} />
          <AuditActionField source="action" label="Action" />
          <TextField source="summary" label="Summary" sortable={false} />
          <TextField source="ip" label="IP" sortable={false} emptyText="—" />
        </Datagrid>
      )}
    </List>
  );
};
