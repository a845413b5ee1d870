import { Box } from '@mui/material';
import { maxLength, required, SimpleForm, type SimpleFormProps, TextInput } from 'react-admin';
import { SegmentFilterInputs } from './segment-filter-inputs';
import { SegmentPreviewPanel } from './segment-preview';

/** Shared by create and edit: the rule on the left, who it reaches now on the right. */
export const SegmentForm = (props: Omit<SimpleFormProps, 'children'>) => (
  <SimpleForm {...props}>
    <Box
      sx={{
        width: '100%',
        display: 'grid',
        gridTemplateColumns: { xs: '1fr', md: 'minmax(0, 3fr) minmax(0, 2fr)' },
        gap: 3,
        alignItems: 'start',
      }}
    >
      <Box>
        <TextInput source="name" label="Name" validate={[required(), maxLength(100)]} />
        <TextInput
          source="description"
          label="Description"
          multiline
          minRows={2}
          validate={maxLength(500)}
        />
        <SegmentFilterInputs />
      </Box>
      <Box sx={{ position: { md: 'sticky' }, top: { md: 16 } }}>
        <SegmentPreviewPanel />
      </Box>
    </Box>
  </SimpleForm>
);
