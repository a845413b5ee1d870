export const STAFF_CLIENT_ROLES = ['owner', 'viewer'] as const;
export const CONTACT_CLIENT_ROLES = ['contact_access', 'contact_collaborator'] as const;
export const CLIENT_ROLES = [...STAFF_CLIENT_ROLES, ...CONTACT_CLIENT_ROLES] as const;
export type StaffClientRole = (typeof STAFF_CLIENT_ROLES)[number];
export type ContactClientRole = (typeof CONTACT_CLIENT_ROLES)[number];
export type ClientRole = StaffClientRole | ContactClientRole;

/** Within a kind of principal, the higher role wins when grants add up. */
export const ROLE_RANK: Record<ClientRole, number> = {
  viewer: 1,
  owner: 2,
  contact_access: 1,
  contact_collaborator: 2,
};

export const higherRole = <R extends ClientRole>(a: R | undefined, b: R): R =>
  a && ROLE_RANK[a] >= ROLE_RANK[b] ? a : b;
