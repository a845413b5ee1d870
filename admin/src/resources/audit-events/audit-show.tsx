import { Typography } from '@mui/material';
import { Labeled, ReferenceField, Show, useRecordContext } from 'react-admin';
import { FirmDateField } from '../../shared/firm-time';
import { ShowCard } from '../../components/show-layout';
import type { AuditEvent } from '../../types';
import { DetailSection, SectionDetail as Detail } from '../../components/detail-section';
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
      <DetailSection title="Event">
        <Labeled label="When">
          <FirmDateField source="at" />
        </Labeled>
        <Labeled label="Who">
          <AuditActorField />
        </Labeled>
        <Detail label="Action" source="action" />
        <Labeled label="Client">
          <ReferenceField source="clientId" reference="clients" link="show" emptyText="—" />
        </Labeled>
        {/* Targets may be gone since (a deleted contact…): named, not linked. */}
        <Detail label="Target type" source="targetType" />
        <Detail label="Target ID" source="targetId" />
      </DetailSection>
      <DetailSection title="Request">
        <Detail label="IP" source="ip" />
        <Detail label="User agent" source="userAgent" />
      </DetailSection>
    </ShowCard>
  );
};

export const AuditShow = () => (
  <Show<AuditEvent> component="div" actions={false} title="Audit event">
    <AuditEventDetails />
  </Show>
);
