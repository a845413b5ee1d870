import { Box, Typography } from '@mui/material';
import {
  FormDataConsumer,
  maxLength,
  regex,
  required,
  SimpleForm,
  type SimpleFormProps,
  TextInput,
} from 'react-admin';
import { ColorInput } from './color-input';
import { TagChip } from './tag-chip';

const TagPreview = () => (
  <Box sx={{ mb: 2 }}>
    <Typography variant="caption" color="text.secondary" component="p" sx={{ mb: 0.5 }}>
      Preview
    </Typography>
    <FormDataConsumer>
      {({ formData }) => (
        <TagChip tag={{ name: formData.name || 'Tag name', color: formData.color }} />
      )}
    </FormDataConsumer>
  </Box>
);

// Same rules as the API; `;` and `,` separate tags in import files.
const validateName = [
  required(),
  maxLength(64),
  regex(/^[^;,]*$/, 'Tag names cannot contain ; or ,'),
];

/** Shared by create and edit: a name and a colour, previewed as the chip clients will show. */
export const TagForm = (props: Omit<SimpleFormProps, 'children'>) => (
  <SimpleForm {...props}>
    <TextInput source="name" label="Name" validate={validateName} sx={{ maxWidth: 400 }} />
    <ColorInput source="color" label="Color" validate={required()} />
    <TagPreview />
  </SimpleForm>
);
