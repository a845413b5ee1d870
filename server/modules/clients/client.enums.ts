export const CLIENT_TYPES = ['standard', 'offline'] as const;
export type ClientType = (typeof CLIENT_TYPES)[number];

export const CONNECTION_STATUSES = ['not_connected', 'connected', 'offline', 'duplicate'] as const;
export type ConnectionStatus = (typeof CONNECTION_STATUSES)[number];

export const PORTAL_STATUSES = [
  'not_invited',
  'invited',
  'accepted',
  'expired',
  'revoked',
  'bounced',
] as const;
export type PortalStatus = (typeof PORTAL_STATUSES)[number];
