import type { ChipProps } from '@mui/material';
import type { AuditActorType } from '../../types';

// Human labels for the actions the API records; an action missing here shows as it is.
const auditActions: Record<string, string> = {
  'auth.sign_in': 'Signed in',
  'auth.sign_in_failed': 'Sign-in failed',
  'auth.sign_out': 'Signed out',
  'auth.password_changed': 'Password changed',
  'invitation.sent': 'Invitation sent',
  'invitation.reminded': 'Reminder sent',
  'invitation.resent': 'Invitation re-sent',
  'invitation.revoked': 'Invitation revoked',
  'invitation.accepted': 'Invitation accepted',
  'import.started': 'Import started',
  'import.cancelled': 'Import cancelled',
  'import.undone': 'Import undone',
  'import.report_downloaded': 'Import report downloaded',
  'staff.created': 'Staff member added',
  'staff.updated': 'Staff member changed',
  'staff.deactivated': 'Staff member deactivated',
  'settings.updated': 'Settings changed',
  'audit.exported': 'Audit trail exported',
  'client.created': 'Client created',
  'client.updated': 'Client changed',
  'client.tags_changed': 'Client tags changed',
  'client.deleted': 'Client deleted',
  'contact.created': 'Contact created',
  'contact.updated': 'Contact changed',
  'contact.deleted': 'Contact deleted',
};

export const auditActionLabel = (action: string) => auditActions[action] ?? action;

export const auditActionChoices = Object.entries(auditActions).map(([id, name]) => ({ id, name }));

// Staff are the usual actors, so only the others get a chip.
export const auditActorTypes: Record<AuditActorType, { name: string; color: ChipProps['color'] }> =
  {
    staff: { name: 'Staff', color: 'default' },
    contact: { name: 'Contact', color: 'info' },
    system: { name: 'System', color: 'secondary' },
    anonymous: { name: 'Anonymous', color: 'warning' },
  };

export const auditActorTypeChoices = Object.entries(auditActorTypes).map(([id, { name }]) => ({
  id,
  name,
}));
