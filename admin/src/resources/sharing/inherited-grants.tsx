import { Box, List, ListItem, ListItemText, Typography } from '@mui/material';
import { useId } from 'react';
import type { AccessGrant } from '../../types';
import { accessRoleLabels } from './access-roles';
import { SectionTitle } from './section-title';

/** Access through a group: read-only here, as it is given and taken away on the group. */
export const InheritedGrants = ({ grants }: { grants: AccessGrant[] }) => {
  const titleId = useId();
  return (
    <Box component="section" aria-labelledby={titleId}>
      <SectionTitle id={titleId}>Inherited</SectionTitle>
      {grants.length === 0 ? (
        <Typography variant="body2" color="text.secondary">
          No one has access through a group
        </Typography>
      ) : (
        <List dense disablePadding aria-labelledby={titleId}>
          {grants.map((grant) => (
            <ListItem key={grant.id} disableGutters>
              <ListItemText
                primary={`${grant.name} — ${accessRoleLabels[grant.role]} — through ${grant.viaGroup?.name}`}
                secondary={grant.email}
              />
            </ListItem>
          ))}
        </List>
      )}
    </Box>
  );
};
