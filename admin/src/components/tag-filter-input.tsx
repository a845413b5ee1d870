import { Box, Stack, ToggleButton, ToggleButtonGroup } from '@mui/material';
import { FormDataConsumer, useInput } from 'react-admin';
import { TagReferenceInput } from '../resources/tags/tag-reference-input';

/** `tagMode` of the clients filter: a client must carry any (default) or all of the chosen tags. */
export const TagMatchInput = ({ source }: { source: string }) => {
  const { field } = useInput({ source });
  return (
    <ToggleButtonGroup
      exclusive
      size="small"
      aria-label="Tag match"
      value={field.value || 'any'}
      onChange={(_event, value: string | null) => value && field.onChange(value)}
      sx={{ mb: '4px' }}
    >
      <ToggleButton value="any">Any</ToggleButton>
      <ToggleButton value="all">All</ToggleButton>
    </ToggleButtonGroup>
  );
};

interface TagFilterInputProps {
  source: string;
  /** Offer the any/all switch; the contacts filter matches any tag only. */
  matchMode?: boolean;
  /** Read by react-admin's filter form, not by the input. */
  alwaysOn?: boolean;
}

/** Tags filter; the any/all switch appears once there is something to match. */
export const TagFilterInput = ({ source, matchMode = true }: TagFilterInputProps) => (
  <Stack direction="row" spacing={1} sx={{ alignItems: 'flex-end' }}>
    <Box sx={{ minWidth: 260 }}>
      <TagReferenceInput source={source} helperText={false} />
    </Box>
    {matchMode && (
      <FormDataConsumer>
        {({ formData }) => (formData[source]?.length ? <TagMatchInput source="tagMode" /> : null)}
      </FormDataConsumer>
    )}
  </Stack>
);
