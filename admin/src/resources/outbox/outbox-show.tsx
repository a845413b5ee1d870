import { Alert, Box, Link, Stack, Typography } from '@mui/material';
import { Labeled, ReferenceField, SelectField, Show, useRecordContext } from 'react-admin';
import { FirmDateField } from '../../shared/firm-time';
import { ShowCard, ShowTitle } from '../../components/show-layout';
import type { OutboxMessage } from '../../types';
import { DetailSection, SectionDetail as Detail } from '../../components/detail-section';
import { outboxKindChoices } from './outbox-choices';
import { OutboxStatusField } from './outbox-status-field';

const OutboxDetails = () => {
  const message = useRecordContext<OutboxMessage>();
  if (!message) return null;
  return (
    <ShowCard maxWidth={1000}>
      <ShowTitle title={message.subject}>
        <OutboxStatusField />
      </ShowTitle>
      {message.error && <Alert severity="error">{message.error}</Alert>}
      <DetailSection title="Message">
        <Detail label="From" source="fromEmail" />
        <Detail label="To" source="toEmail" />
        <Labeled label="Kind">
          <SelectField source="kind" choices={outboxKindChoices} />
        </Labeled>
        <Labeled label="Contact">
          <ReferenceField source="contactId" reference="contacts" emptyText="—" />
        </Labeled>
        <Labeled label="Created">
          <FirmDateField source="createdAt" />
        </Labeled>
        <Labeled label="Sent">
          <FirmDateField source="sentAt" emptyText="—" />
        </Labeled>
        <Labeled label="Delivered">
          <FirmDateField source="deliveredAt" emptyText="—" />
        </Labeled>
      </DetailSection>
      {message.links.length > 0 && (
        <DetailSection title="Links">
          {/* Only kept while the message never left: they carry the invitation token. */}
          <Stack spacing={0.5} sx={{ gridColumn: '1 / -1' }}>
            {message.links.map((link) => (
              <Link key={link.url} href={link.url}>
                {link.label}
              </Link>
            ))}
          </Stack>
        </DetailSection>
      )}
      {message.html && (
        <Box>
          <Typography variant="overline" color="text.secondary" component="h3">
            HTML
          </Typography>
          {/* An empty sandbox: the message's HTML renders but runs no script and reaches nothing. */}
          <Box
            component="iframe"
            sandbox=""
            srcDoc={message.html}
            title="HTML version of the message"
            sx={{ width: '100%', height: 560, border: 1, borderColor: 'divider', borderRadius: 1 }}
          />
        </Box>
      )}
      {message.text !== undefined && (
        <Box>
          <Typography variant="overline" color="text.secondary" component="h3">
            Text
          </Typography>
          <Box
            component="pre"
            sx={{
              m: 0,
              p: 2,
              bgcolor: 'action.hover',
              borderRadius: 1,
              fontFamily: 'monospace',
              fontSize: 13,
              whiteSpace: 'pre-wrap',
              wordBreak: 'break-word',
            }}
          >
            {message.text}
          </Box>
        </Box>
      )}
    </ShowCard>
  );
};

export const OutboxShow = () => (
  <Show<OutboxMessage> component="div" actions={false}>
    <OutboxDetails />
  </Show>
);
