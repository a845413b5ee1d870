import { Box, Typography } from '@mui/material';
import {
  Labeled,
  Show,
  SimpleShowLayout,
  TextField,
  useRecordContext,
  WithRecord,
} from 'react-admin';
import type { RequestTemplateView } from '../../types';
import { DueInDaysField } from './request-template-fields';

const TemplateItems = () => {
  const template = useRecordContext<RequestTemplateView>();
  if (!template) return null;
  if (!template.items.length) {
    return (
      <Typography variant="body2" color="text.secondary">
        One file, named like the subject
      </Typography>
    );
  }
  return (
    <Box component="ol" sx={{ m: 0, pl: 3 }}>
      {template.items.map((item, index) => (
        <Typography component="li" variant="body2" key={index}>
          {item.title}
          {item.description && (
            <Typography component="span" variant="body2" color="text.secondary">
              {` — ${item.description}`}
            </Typography>
          )}
        </Typography>
      ))}
    </Box>
  );
};

/** What staff who may not change templates see of one: what it asks for. */
export const RequestTemplateShow = () => (
  <Show>
    <SimpleShowLayout>
      <TextField source="name" label="Name" />
      <TextField source="subject" label="Subject" />
      <TextField
        source="description"
        label="Description"
        emptyText="—"
        sx={{ whiteSpace: 'pre-wrap' }}
      />
      <TextField
        source="message"
        label="Default message"
        emptyText="—"
        sx={{ whiteSpace: 'pre-wrap' }}
      />
      <Labeled label="Requested items">
        <TemplateItems />
      </Labeled>
      <DueInDaysField label="Due in" />
      <WithRecord<RequestTemplateView>
        label="Created by"
        render={(template) => <>{template.createdBy?.name ?? '—'}</>}
      />
    </SimpleShowLayout>
  </Show>
);
