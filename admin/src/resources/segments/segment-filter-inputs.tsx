import { Box, Stack, Typography } from '@mui/material';
import { CheckboxGroupInput, TextInput } from 'react-admin';
import { useWatch } from 'react-hook-form';
import {
  clientTypeChoices,
  connectionStatusChoices,
  portalStatusChoices,
} from '../clients/client-choices';
import { TagMatchInput } from '../../components/tag-filter-input';
import { TagReferenceInput } from '../tags/tag-reference-input';
import { asList } from './segment-filter';

/** `tagMode` matters once there are tags to match. */
const TagMatch = () => {
  const tagIds = useWatch({ name: 'filter.tagIds' }) as unknown;
  return asList(tagIds).length ? <TagMatchInput source="filter.tagMode" /> : null;
};

const StatusBoxes = ({
  source,
  label,
  choices,
}: {
  source: string;
  label: string;
  choices: { id: string; name: string }[];
}) => (
  <CheckboxGroupInput
    source={source}
    label={label}
    choices={choices}
    format={asList}
    helperText={false}
    sx={{ mt: 0, mb: 0.5 }}
  />
);

/**
 * The clients filter as a rule: tags any/all, tags none, type, portal and connection status, text.
 * An empty group means "any"; ticking several means "any of these".
 */
export const SegmentFilterInputs = () => (
  <Stack spacing={0.5} sx={{ width: '100%' }}>
    <Typography variant="subtitle1" component="h3">
      Clients who match
    </Typography>
    <Typography variant="body2" color="text.secondary">
      Leave a part empty to match every client on it.
    </Typography>
    <Stack direction="row" spacing={1} sx={{ alignItems: 'flex-start', pt: 1 }}>
      <Box sx={{ flex: 1, minWidth: 0 }}>
        <TagReferenceInput
          source="filter.tagIds"
          label="Tags"
          helperText="Clients carrying these tags"
        />
      </Box>
      <Box sx={{ pt: 1 }}>
        <TagMatch />
      </Box>
    </Stack>
    <TagReferenceInput
      source="filter.excludeTagIds"
      label="Without tags"
      helperText="Clients carrying any of these are left out"
    />
    <StatusBoxes source="filter.type" label="Type" choices={clientTypeChoices} />
    <StatusBoxes source="filter.portalStatus" label="Portal status" choices={portalStatusChoices} />
    <StatusBoxes
      source="filter.connectionStatus"
      label="Connection"
      choices={connectionStatusChoices}
    />
    <TextInput
      source="filter.q"
      label="Name, email or tax ID contains"
      helperText={false}
      sx={{ maxWidth: 420 }}
    />
  </Stack>
);
