import { Chip } from '@mui/material';
import type { PrincipalType } from '../../types';
import { isStaffSide, principalTypeLabels } from './access-roles';

/** Staff / Staff group / Contact / Contact group, next to a name. */
export const PrincipalTypeChip = ({ type }: { type: PrincipalType }) => (
  <Chip
    size="small"
    variant="outlined"
    label={principalTypeLabels[type]}
    color={isStaffSide(type) ? 'primary' : 'default'}
    sx={{ flexShrink: 0 }}
  />
);
