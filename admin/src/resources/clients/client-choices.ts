import type { ClientType, ConnectionStatus, PortalStatus } from '../../types';

// Human labels for the API's enum values, shared by fields, filters and forms.
interface Choice<T extends string> {
  id: T;
  name: string;
}

export const clientTypeChoices: Choice<ClientType>[] = [
  { id: 'standard', name: 'Standard' },
  { id: 'offline', name: 'Offline' },
];

export const portalStatusChoices: Choice<PortalStatus>[] = [
  { id: 'not_invited', name: 'Not invited' },
  { id: 'invited', name: 'Invited' },
  { id: 'accepted', name: 'Accepted' },
  { id: 'expired', name: 'Invitation expired' },
  { id: 'revoked', name: 'Invitation revoked' },
  { id: 'bounced', name: 'Invitation bounced' },
];

export const connectionStatusChoices: Choice<ConnectionStatus>[] = [
  { id: 'not_connected', name: 'Not connected' },
  { id: 'connected', name: 'Connected' },
  { id: 'offline', name: 'Offline' },
  { id: 'duplicate', name: 'Duplicate' },
];

export const choiceName = <T extends string>(choices: Choice<T>[], id: T | undefined) =>
  choices.find((choice) => choice.id === id)?.name ?? id ?? '';
