import type { PortalClientRole } from './portal-types';

/** What a contact may do with a client, in a word (the home list) and a sentence (its page). */
export const ROLE_NAMES: Record<PortalClientRole, string> = {
  contact_collaborator: 'Collaborator',
  contact_access: 'View only',
};

export const ROLE_DESCRIPTIONS: Record<PortalClientRole, string> = {
  contact_collaborator: 'you can add your own files and notes',
  contact_access: 'you see what your firm shares with you',
};
