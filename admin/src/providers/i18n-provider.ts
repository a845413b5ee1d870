import { defaultI18nProvider, type I18nProvider } from 'react-admin';

// Wording that react-admin lets a resource override ("Tag created" rather than "Element created").
const messages: Record<string, string> = {
  'resources.clients.notifications.created': 'Client created',
  'resources.clients.notifications.updated': 'Client saved |||| %{smart_count} clients saved',
  'resources.clients.notifications.deleted': 'Client deleted |||| %{smart_count} clients deleted',
  'resources.tags.notifications.created': 'Tag created',
  'resources.tags.notifications.updated': 'Tag saved',
  'resources.tags.notifications.deleted': 'Tag deleted',
  'resources.staff.name': 'Staff member |||| Staff',
  'resources.staff.notifications.created': 'Staff member added',
  'resources.staff.notifications.updated': 'Staff member saved',
  'resources.contacts.name': 'Contact |||| Contacts',
  'resources.contacts.notifications.created': 'Contact created',
  'resources.contacts.notifications.updated': 'Contact saved',
  'resources.contacts.notifications.deleted':
    'Contact deleted |||| %{smart_count} contacts deleted',
  'resources.file-requests.name': 'File request |||| File requests',
  'resources.file-requests.notifications.created': 'File request sent',
  'resources.request-templates.name': 'Request template |||| Request templates',
  'resources.request-templates.notifications.created': 'Request template created',
  'resources.request-templates.notifications.updated': 'Request template saved',
  'resources.request-templates.notifications.deleted': 'Request template deleted',
  'resources.playbooks.name': 'Playbook |||| Playbooks',
  'resources.playbooks.notifications.created': 'Playbook created',
  'resources.playbooks.notifications.updated': 'Playbook saved',
  'resources.playbooks.notifications.deleted': 'Playbook deleted',
  'resources.playbook-runs.name': 'Playbook run |||| Playbook runs',
  'resources.staff-groups.name': 'Staff group |||| Staff groups',
  'resources.staff-groups.notifications.created': 'Staff group created',
  'resources.staff-groups.notifications.updated': 'Staff group saved',
  'resources.staff-groups.notifications.deleted': 'Staff group deleted',
  'resources.contact-groups.name': 'Contact group |||| Contact groups',
  'resources.contact-groups.notifications.created': 'Contact group created',
  'resources.contact-groups.notifications.updated': 'Contact group saved',
  'resources.contact-groups.notifications.deleted': 'Contact group deleted',
  'resources.segments.name': 'Segment |||| Segments',
  'resources.segments.notifications.created': 'Segment saved',
  'resources.segments.notifications.updated': 'Segment saved',
  'resources.segments.notifications.deleted': 'Segment deleted',
  'resources.campaigns.name': 'Campaign |||| Campaigns',
  'resources.campaigns.notifications.created': 'Campaign draft saved',
  'resources.campaigns.notifications.updated': 'Campaign draft saved',
  'resources.campaigns.notifications.deleted': 'Campaign draft deleted',
  // "Outboxes" would be the default plural.
  'resources.outbox.name': 'Outbox |||| Outbox',
  'resources.audit-events.name': 'Audit event |||| Audit trail',
  'resources.settings.notifications.updated': 'Settings saved',
};

/**
 * react-admin's English provider, given our phrases as its fallback (`_`): the keys above are
 * absent from its catalogue, so polyglot interpolates and pluralises ours instead.
 */
export const i18nProvider: I18nProvider = {
  ...defaultI18nProvider,
  translate: (key, options) =>
    key in messages
      ? defaultI18nProvider.translate(key, { ...options, _: messages[key] })
      : defaultI18nProvider.translate(key, options),
};
