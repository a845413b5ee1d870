import type { Role } from '../types';

/** `any` = every signed-in staff user; a list = any of those roles. Actions not listed are denied. */
type Requirement = Role | 'any' | readonly Role[];

// Mirrors the API's guards; the API stays the authority, this only hides what would fail.
const rules: Record<string, Record<string, Requirement>> = {
  clients: {
    list: 'any',
    show: 'any',
    create: 'entities_admin',
    edit: 'entities_admin',
    delete: 'entities_admin',
    tag: 'entities_admin',
    invite: 'staff_admin',
  },
  // Contacts, invitations and the firm's settings are the portal's: staff_admin changes them.
  contacts: {
    list: 'any',
    show: 'any',
    create: 'staff_admin',
    edit: 'staff_admin',
    delete: 'staff_admin',
    invite: 'staff_admin',
    'reset-mfa': 'staff_admin',
  },
  invitations: {
    list: 'any',
    show: 'any',
    remind: 'staff_admin',
    resend: 'staff_admin',
    revoke: 'staff_admin',
  },
  // Anyone who sees a client may ask its contacts for files and follow the request up; the API
  // lists only the requests of clients the caller sees.
  'file-requests': {
    list: 'any',
    show: 'any',
    create: 'any',
  },
  outbox: { list: 'staff_admin', show: 'staff_admin' },
  'audit-events': { list: 'staff_admin', show: 'staff_admin', export: 'staff_admin' },
  settings: { show: 'staff_admin', edit: 'staff_admin' },
  tags: {
    list: 'any',
    create: 'entities_admin',
    edit: 'entities_admin',
    delete: 'entities_admin',
  },
  // Imports hold every imported client's data: they are the Entities Admins'.
  imports: {
    list: 'entities_admin',
    show: 'entities_admin',
    create: 'entities_admin',
    cancel: 'entities_admin',
    undo: 'entities_admin',
  },
  'import-rows': { list: 'entities_admin' },
  // No `delete`: staff are deactivated (the Active switch), so no Delete button renders.
  staff: {
    list: 'staff_admin',
    create: 'staff_admin',
    edit: 'staff_admin',
  },
  // Groups are what clients are shared with: every staff member reads them, Entities Admins manage them.
  'staff-groups': {
    list: 'any',
    show: 'any',
    create: 'entities_admin',
    edit: 'entities_admin',
    delete: 'entities_admin',
  },
  'contact-groups': {
    list: 'any',
    show: 'any',
    create: 'entities_admin',
    edit: 'entities_admin',
    delete: 'entities_admin',
  },
  // Segments and campaigns reach every client's contacts: Staff Admins only, reading included.
  segments: {
    list: 'staff_admin',
    show: 'staff_admin',
    create: 'staff_admin',
    edit: 'staff_admin',
    delete: 'staff_admin',
  },
  campaigns: {
    list: 'staff_admin',
    show: 'staff_admin',
    create: 'staff_admin',
    edit: 'staff_admin',
    delete: 'staff_admin',
    send: 'staff_admin',
    cancel: 'staff_admin',
  },
  'campaign-recipients': { list: 'staff_admin' },
  // Everyone asks clients for files from them; the admins who set up clients and playbooks keep them.
  'request-templates': {
    list: 'any',
    show: 'any',
    create: ['staff_admin', 'entities_admin'],
    edit: ['staff_admin', 'entities_admin'],
    delete: ['staff_admin', 'entities_admin'],
  },
  // Playbooks act on every client on their own: Staff Admins only, reading included.
  playbooks: {
    list: 'staff_admin',
    show: 'staff_admin',
    create: 'staff_admin',
    edit: 'staff_admin',
    delete: 'staff_admin',
    enable: 'staff_admin',
  },
  'playbook-runs': { list: 'staff_admin', show: 'staff_admin', cancel: 'staff_admin' },
};

export const isAllowed = (
  roles: readonly Role[],
  resource: string,
  action: string,
  record?: { myRole?: string },
): boolean => {
  // A client's owner edits and deletes it whatever their firm role (the API checks it too).
  if (resource === 'clients' && ['edit', 'delete'].includes(action) && record?.myRole === 'owner') {
    return true;
  }
  const requirement = rules[resource]?.[action];
  if (requirement === undefined) return false;
  if (requirement === 'any') return true;
  const anyOf: readonly Role[] = typeof requirement === 'string' ? [requirement] : requirement;
  return anyOf.some((role) => roles.includes(role));
};
