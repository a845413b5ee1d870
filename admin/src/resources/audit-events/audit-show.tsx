import { Typography } from '@mui/material';
import { DateField, Labeled, ReferenceField, Show, TextField, useRecordContext } from 'react-admin';
import { ShowCard } from '../../components/show-layout';
import type { AuditEvent } from '../../types';
import { ClientSection } from '../clients/client-section';
import { AuditActorField } from './audit-actor-field';
import { auditActionLabel } from './audit-choices';

const AuditEventDetails = () => {
  const event = useRecordContext<AuditEvent>();
  if (!event) return null;
  return (
    <ShowCard maxWidth={1000}>
      <div>
        <Typography variant="h5" component="h2">
          {auditActionLabel(event.action)}
        </Typography>
        <Typography variant="body1">{event.summary}</Typography>
      </div>
      <ClientSection title="Event">
        <Labeled label="When">
          <DateField source="at" showTime />
        </Labeled>
        <Labeled label="Who">
          <AuditActorField />
        </Labeled>
        <Labeled label="Action">
          <TextField source="action" />
        </Labeled>
        <Labeled label="Client">
          <ReferenceField source="clientId" reference="clients" link="show" emptyText="—" />
        </Labeled>
        {/* Targets may be gone since (a deleted contact…): named, not linked. */}
        <Labeled label="Target type">
          <TextField source="targetType" emptyText="—" />
        </Labeled>
        <Labeled label="Target ID">
          <TextField source="targetId" emptyText="—" />
        </Labeled>
      </ClientSection>
      <ClientSection title="Request">
        <Labeled label="IP">
          <TextField source="ip" emptyText="—" />
        </Labeled>
        <Labeled label="User agent">
          <TextField source="userAgent" emptyText="—" />
        </Labeled>
      </ClientSection>
    </ShowCard>
  );
};

export const AuditShow = () => (
  <Show<AuditEvent> component="div" actions={false} title="Audit event">
    <AuditEventDetails />
  </Show>
);
