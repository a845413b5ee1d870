import { Box } from '@mui/material';
import {
  AutocompleteInput,
  maxLength,
  ReferenceInput,
  required,
  SimpleForm,
  type SimpleFormProps,
  TextInput,
} from 'react-admin';
import { useWatch } from 'react-hook-form';
import { CampaignPreviewPane } from './campaign-preview-pane';
import { MergeFieldHelp } from './merge-field-help';
import { SenderEmailInput } from './sender-email-input';

const BODY_INPUT_ID = 'campaign-body';

const noLineBreak = (value: unknown) =>
  typeof value === 'string' && /[\r\n]/.test(value) ? 'Must be one line' : undefined;

/** The preview follows the form: subject, message, and the segment whose first contact fills it. */
const LivePreview = () => {
  const [subject, body, segmentId] = useWatch({ name: ['subject', 'body', 'segmentId'] });
  return <CampaignPreviewPane subject={subject} body={body} segmentId={segmentId} />;
};

/** Shared by create and edit (drafts only): compose on the left, the email as sent on the right. */
export const CampaignForm = (props: Omit<SimpleFormProps, 'children'>) => (
  <SimpleForm {...props}>
    <Box
      sx={{
        width: '100%',
        display: 'grid',
        gridTemplateColumns: { xs: '1fr', lg: 'minmax(0, 1fr) minmax(0, 1fr)' },
        gap: 3,
        alignItems: 'start',
      }}
    >
      <Box>
        <TextInput
          source="name"
          label="Name"
          helperText="For staff only: recipients do not see it"
          validate={[required(), maxLength(200)]}
        />
        <TextInput
          source="subject"
          label="Subject"
          helperText="Merge fields work here too, e.g. {{firstName}}, your checklist"
          validate={[required(), maxLength(200), noLineBreak]}
        />
        <SenderEmailInput />
        <ReferenceInput
          source="segmentId"
          reference="segments"
          sort={{ field: 'name', order: 'ASC' }}
        >
          <AutocompleteInput
            label="Segment"
            optionText="name"
            validate={required()}
            helperText="Matched again when the campaign is sent"
          />
        </ReferenceInput>
        <TextInput
          id={BODY_INPUT_ID}
          source="body"
          label="Message (Markdown)"
          multiline
          minRows={12}
          validate={[required(), maxLength(50_000)]}
        />
        <MergeFieldHelp bodyInputId={BODY_INPUT_ID} />
      </Box>
      <Box sx={{ position: { lg: 'sticky' }, top: { lg: 16 } }}>
        <LivePreview />
      </Box>
    </Box>
  </SimpleForm>
);
