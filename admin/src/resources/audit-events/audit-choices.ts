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
  'access.granted': 'Access granted',
  'access.role_changed': 'Access role changed',
  'access.revoked': 'Access revoked',
  'staff_group.created': 'Staff group created',
  'staff_group.updated': 'Staff group changed',
  'staff_group.deleted': 'Staff group deleted',
  'contact_group.created': 'Contact group created',
  'contact_group.updated': 'Contact group changed',
  'contact_group.deleted': 'Contact group deleted',
  'file.uploaded': 'File uploaded',
  'file.downloaded': 'File downloaded',
  'file.shared': 'File sharing changed',
  'file.deleted': 'File deleted',
  'file_request.created': 'File request sent',
  'file_request.uploaded': 'File request: file uploaded',
  'file_request.not_applicable': 'File request: marked not applicable',
  'file_request.item_accepted': 'File request: item accepted',
  'file_request.item_rejected': 'File request: item rejected',
  'file_request.reminded': 'File request reminder sent',
  'file_request.cancelled': 'File request cancelled',
  'segment.created': 'Segment created',
  'segment.updated': 'Segment changed',
  'segment.deleted': 'Segment deleted',
  'campaign.created': 'Campaign created',
  'campaign.updated': 'Campaign changed',
  'campaign.deleted': 'Campaign deleted',
  'campaign.test_sent': 'Campaign test sent',
  'campaign.sent': 'Campaign sent or scheduled',
  'campaign.cancelled': 'Campaign cancelled',
  'campaign.unsubscribed': 'Unsubscribed from campaigns',
  'request_template.created': 'Request template created',
  'request_template.updated': 'Request template changed',
  'request_template.deleted': 'Request template deleted',
  'playbook.created': 'Playbook created',
  'playbook.updated': 'Playbook changed',
  'playbook.deleted': 'Playbook deleted',
  'playbook.enabled': 'Playbook enabled',
  'playbook.disabled': 'Playbook disabled',
  'playbook_run.cancelled': 'Playbook run cancelled',
  'playbook_run.tag_added': 'Playbook added a tag',
  'playbook_run.tag_removed': 'Playbook removed a tag',
  'playbook_run.owner_notified': 'Playbook notified the owners',
  'playbook_run.file_requested': 'Playbook requested files',
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
