import type { Identifier } from 'react-admin';
import type { InviteTarget } from '../../types';

/** The two lists invitations are sent from. */
export type InviteResource = 'clients' | 'contacts';

const nouns: Record<InviteResource, [string, string]> = {
  clients: ['client', 'clients'],
  contacts: ['contact', 'contacts'],
};

/** "1 client", "3 contacts". */
export const countOf = (count: number, resource: InviteResource) =>
  `${count} ${nouns[resource][count === 1 ? 0 : 1]}`;

/** "The selected client", "The 3 selected contacts". */
export const selectionOf = (count: number, resource: InviteResource) =>
  count === 1
    ? `The selected ${nouns[resource][0]}`
    : `The ${count} selected ${nouns[resource][1]}`;

/** Records picked by hand: clients are reached through their primary contacts. */
export const selectedTarget = (resource: InviteResource, ids: Identifier[]): InviteTarget =>
  resource === 'clients' ? { clientIds: ids } : { contactIds: ids };

/** Invitations to clients go to each client's primary contact. */
export const isClientTarget = (target: InviteTarget) =>
  'clientIds' in target || ('resource' in target && target.resource === 'clients');
