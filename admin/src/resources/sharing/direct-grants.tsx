import ClearIcon from '@mui/icons-material/Clear';
import {
  Box,
  IconButton,
  List,
  ListItem,
  MenuItem,
  Select,
  Stack,
  Typography,
} from '@mui/material';
import { useId } from 'react';
import type { AccessGrant, ClientRole } from '../../types';
import { accessRoleLabels, rolesFor } from './access-roles';
import { PrincipalTypeChip } from './principal-type-chip';
import { SectionTitle } from './section-title';

interface DirectGrantsProps {
  grants: AccessGrant[];
  disabled: boolean;
  onChangeRole: (grant: AccessGrant, role: ClientRole) => void;
  onRemove: (grant: AccessGrant) => void;
}

/** Grants made on this client: each one's role can be changed, or the grant removed. */
export const DirectGrants = ({ grants, disabled, onChangeRole, onRemove }: DirectGrantsProps) => {
  const titleId = useId();
  return (
    <Box component="section" aria-labelledby={titleId}>
      <SectionTitle id={titleId}>People and groups with access</SectionTitle>
      {grants.length === 0 ? (
        <Typography variant="body2" color="text.secondary">
          Not shared with anyone yet
        </Typography>
      ) : (
        <List dense disablePadding aria-labelledby={titleId}>
          {grants.map((grant) => (
            <ListItem key={grant.id} disableGutters sx={{ gap: 1 }}>
              <Box sx={{ flexGrow: 1, minWidth: 0 }}>
                <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
                  <Typography variant="body2" noWrap>
                    {grant.name}
                  </Typography>
                  <PrincipalTypeChip type={grant.principalType} />
                </Stack>
                {grant.email && (
                  <Typography variant="caption" color="text.secondary" noWrap component="p">
                    {grant.email}
                  </Typography>
                )}
              </Box>
              <Select
                size="small"
                value={grant.role}
                onChange={(event) => onChangeRole(grant, event.target.value as ClientRole)}
                disabled={disabled}
                // No visible label per row: the name says whose role it is.
                SelectDisplayProps={{ 'aria-label': `Role of ${grant.name}` }}
                // Sized by its role's label, so the label reads whole.
                sx={{ minWidth: 260, flexShrink: 0 }}
              >
                {rolesFor(grant.principalType).map((role) => (
                  <MenuItem key={role} value={role}>
                    {accessRoleLabels[role]}
                  </MenuItem>
                ))}
              </Select>
              <IconButton
                aria-label={`Remove ${grant.name}`}
                onClick={() => onRemove(grant)}
                disabled={disabled}
              >
                <ClearIcon fontSize="small" />
              </IconButton>
            </ListItem>
          ))}
        </List>
      )}
    </Box>
  );
};
