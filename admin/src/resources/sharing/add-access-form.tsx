import {
  Autocomplete,
  Box,
  Button,
  FormControl,
  InputLabel,
  MenuItem,
  Select,
  Stack,
  TextField,
  Typography,
} from '@mui/material';
import { type FormEvent, useId, useState } from 'react';
import type { AccessGrantRequest, ClientRole } from '../../types';
import { accessRoleLabels, defaultRoleFor, rolesFor } from './access-roles';
import { PrincipalTypeChip } from './principal-type-chip';
import { SectionTitle } from './section-title';
import { type PrincipalOption, usePrincipalSearch } from './use-principal-search';

interface AddAccessFormProps {
  /** Keys (`<principalType>:<principalId>`) of those with a direct grant: their role is changed above. */
  granted: ReadonlySet<string>;
  disabled: boolean;
  /** Resolves to whether the grant was made. */
  onAdd: (request: AccessGrantRequest) => Promise<boolean>;
}

/** One picker over staff, staff groups, contacts and contact groups, a role that fits, and Add. */
export const AddAccessForm = ({ granted, disabled, onAdd }: AddAccessFormProps) => {
  const titleId = useId();
  const roleLabelId = useId();
  const { options, error, isFetching, search } = usePrincipalSearch();
  const [principal, setPrincipal] = useState<PrincipalOption | null>(null);
  const [inputValue, setInputValue] = useState('');
  const [role, setRole] = useState<ClientRole | ''>('');

  const choose = (option: PrincipalOption | null) => {
    setPrincipal(option);
    setRole(option ? defaultRoleFor(option.type) : '');
  };

  const add = async (event: FormEvent) => {
    event.preventDefault();
    if (!principal || !role) return;
    const added = await onAdd({ principalType: principal.type, principalId: principal.id, role });
    if (added) {
      choose(null);
      setInputValue('');
      search('');
    }
  };

  return (
    <Box component="form" aria-labelledby={titleId} onSubmit={add}>
      <SectionTitle id={titleId}>Add</SectionTitle>
      <Stack
        direction={{ xs: 'column', sm: 'row' }}
        spacing={1}
        sx={{ alignItems: { sm: 'flex-start' } }}
      >
        <Autocomplete
          sx={{ flexGrow: 1 }}
          size="small"
          options={options.filter((option) => !granted.has(option.key))}
          // The API has searched already.
          filterOptions={(found) => found}
          value={principal}
          onChange={(_event, option) => choose(option)}
          inputValue={inputValue}
          onInputChange={(_event, text, reason) => {
            setInputValue(text);
            // 'reset' is the chosen option's name filling the box: nothing new to look for.
            if (reason !== 'reset') search(text);
          }}
          getOptionLabel={(option) => option.name}
          isOptionEqualToValue={(option, value) => option.key === value.key}
          loading={isFetching}
          noOptionsText="No one found"
          renderOption={({ key, ...props }, option) => (
            <li key={key} {...props}>
              <Stack direction="row" spacing={1} sx={{ alignItems: 'center', width: '100%' }}>
                <Box sx={{ flexGrow: 1, minWidth: 0 }}>
                  <Typography variant="body2">{option.name}</Typography>
                  {option.email && (
                    <Typography variant="caption" color="text.secondary" component="p">
                      {option.email}
                    </Typography>
                  )}
                </Box>
                <PrincipalTypeChip type={option.type} />
              </Stack>
            </li>
          )}
          renderInput={(params) => (
            <TextField
              {...params}
              label="Add people or groups"
              error={Boolean(error)}
              helperText={error?.message}
            />
          )}
        />
        <FormControl
          size="small"
          // Sized by the longest role, so "Collaborator (can add files)" reads whole.
          sx={{ minWidth: { sm: 260 }, flexShrink: 0 }}
          disabled={!principal}
        >
          <InputLabel id={roleLabelId}>Role</InputLabel>
          <Select
            labelId={roleLabelId}
            label="Role"
            value={role}
            onChange={(event) => setRole(event.target.value as ClientRole)}
            // Named by its label alone, not by the label and the chosen role.
            SelectDisplayProps={{ 'aria-labelledby': roleLabelId }}
          >
            {principal &&
              rolesFor(principal.type).map((choice) => (
                <MenuItem key={choice} value={choice}>
                  {accessRoleLabels[choice]}
                </MenuItem>
              ))}
          </Select>
        </FormControl>
        <Button type="submit" variant="contained" disabled={disabled || !principal || !role}>
          Add
        </Button>
      </Stack>
    </Box>
  );
};
