import { Box, Card, CardContent, Stack, Typography } from '@mui/material';
import { SelectField, Show, useCanAccess, useRecordContext } from 'react-admin';
import { ResetMfaButton } from '../../components/reset-mfa-button';
import { ShowCard, ShowTitle } from '../../components/show-layout';
import type { Contact } from '../../types';
import { portalStatusChoices } from '../clients/client-choices';
import { DetailSection, SectionDetail as Detail } from '../../components/detail-section';
import { PortalStatusField } from '../clients/portal-status-field';
import { ContactClientsField } from './contact-clients-field';
import { ContactInvitation } from './contact-invitation';
import { ContactTimeline } from './contact-timeline';
import { RecordDatesSection } from '../../components/record-dates-section';

const ContactDetails = () => {
  const contact = useRecordContext<Contact>();
  const { canAccess: canResetMfa } = useCanAccess({ resource: 'contacts', action: 'reset-mfa' });
  if (!contact) return null;
  return (
    <Stack spacing={2} sx={{ maxWidth: 1000 }}>
      <ShowCard maxWidth={1000}>
        <ShowTitle title={contact.displayName}>
          <PortalStatusField />
          <SelectField source="portalStatus" choices={portalStatusChoices} />
        </ShowTitle>
        <DetailSection title="Contact">
          <Detail label="Email" source="email" />
          <Detail label="Phone" source="phone" />
          <Detail label="First name" source="firstName" />
          <Detail label="Last name" source="lastName" />
        </DetailSection>
        <DetailSection title="Clients">
          <Box sx={{ gridColumn: '1 / -1' }}>
            <ContactClientsField />
            {contact.clients.length === 0 && (
              <Typography variant="body2" color="text.secondary">
                Not linked to a client
              </Typography>
            )}
          </Box>
        </DetailSection>
        <ContactInvitation />
        {canResetMfa && contact.portalStatus === 'accepted' && (
          <DetailSection title="Portal sign-in">
            <Box sx={{ gridColumn: '1 / -1' }}>
              <ResetMfaButton resource="contacts" />
            </Box>
          </DetailSection>
        )}
        <RecordDatesSection />
      </ShowCard>
      <Card>
        <CardContent>
          <ContactTimeline contactId={contact.id} live={contact.invitation?.status === 'pending'} />
        </CardContent>
      </Card>
    </Stack>
  );
};

// While an invitation is pending its reminders and deliveries arrive from the workflow: poll.
export const ContactShow = () => (
  <Show<Contact>
    component="div"
    queryOptions={{
      refetchInterval: (query) =>
        query.state.data?.invitation?.status === 'pending' ? 5000 : false,
    }}
  >
    <ContactDetails />
  </Show>
);
