import { Box, TextField } from '@mui/material';
import { useState } from 'react';
import { CheckboxGroupInput, ReferenceArrayInput, useChoicesContext } from 'react-admin';
import type { GroupKind } from './group-kinds';

// One page of candidates; the search box finds the others.
const perPage = 100;

/** Narrows the checkboxes to matching names; ticked members stay listed whatever is typed. */
const MemberSearch = () => {
  const { setFilters, total } = useChoicesContext();
  const [text, setText] = useState('');
  return (
    <TextField
      type="search"
      label="Search members"
      size="small"
      value={text}
      onChange={(event) => {
        setText(event.target.value);
        setFilters({ q: event.target.value }, undefined, true);
      }}
      // Enter would submit the whole form.
      onKeyDown={(event) => event.key === 'Enter' && event.preventDefault()}
      helperText={
        total !== undefined && total > perPage
          ? `Showing the first ${perPage} of ${total}: search to find the others`
          : ' '
      }
      sx={{ width: 320 }}
    />
  );
};

const MemberCheckboxes = ({ kind }: { kind: GroupKind }) => (
  <Box sx={{ width: '100%' }}>
    <MemberSearch />
    <CheckboxGroupInput
      label="Members"
      optionText={kind.memberLabel}
      row={false}
      helperText={false}
      sx={{
        width: '100%',
        '& .MuiFormGroup-root': { maxHeight: 420, overflowY: 'auto', flexWrap: 'nowrap' },
      }}
    />
  </Box>
);

/** Members picked with checkboxes (the wording), from the kind's member resource. */
export const GroupMembersInput = ({ kind }: { kind: GroupKind }) => (
  <ReferenceArrayInput
    source="memberIds"
    reference={kind.memberResource}
    sort={kind.memberSort}
    filter={kind.memberFilter}
    perPage={perPage}
  >
    <MemberCheckboxes kind={kind} />
  </ReferenceArrayInput>
);
