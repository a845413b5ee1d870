import Diversity3OutlinedIcon from '@mui/icons-material/Diversity3Outlined';
import GroupsOutlinedIcon from '@mui/icons-material/GroupsOutlined';
import type { ComponentType } from 'react';
import type { OptionTextFunc, SortPayload } from 'react-admin';
import type { Contact, StaffUser } from '../../types';

/** What tells staff groups and contact groups apart: who their members are. */
export interface GroupKind {
  icon: ComponentType;
  memberResource: 'staff' | 'contacts';
  memberSort: SortPayload;
  /** Narrows who is offered as a new member; current members are listed whatever it says. */
  memberFilter?: Record<string, unknown>;
  /** A member's checkbox label: the name, with the email to tell namesakes apart. */
  memberLabel: OptionTextFunc;
}

export const staffGroupKind: GroupKind = {
  icon: Diversity3OutlinedIcon,
  memberResource: 'staff',
  memberSort: { field: 'lastName', order: 'ASC' },
  memberFilter: { active: true },
  memberLabel: (user: StaffUser) => `${user.firstName} ${user.lastName} (${user.email})`,
};

export const contactGroupKind: GroupKind = {
  icon: GroupsOutlinedIcon,
  memberResource: 'contacts',
  memberSort: { field: 'displayName', order: 'ASC' },
  // A contact without a name is displayed by their email: no need to say it twice.
  memberLabel: (contact: Contact) =>
    contact.displayName === contact.email
      ? contact.email
      : `${contact.displayName} (${contact.email})`,
};
