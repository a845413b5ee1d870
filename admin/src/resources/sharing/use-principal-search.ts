import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { type Identifier, type SortPayload, useDataProvider, useDebouncedEvent } from 'react-admin';
import type { Contact, Group, PrincipalType, StaffUser } from '../../types';

/** Someone (or some group) the client can be shared with, as the picker lists them. */
export interface PrincipalOption {
  /** `<principalType>:<principalId>`, the id a direct grant to them has. */
  key: string;
  type: PrincipalType;
  id: Identifier;
  name: string;
  email: string | null;
}

interface PrincipalSource {
  type: PrincipalType;
  resource: string;
  sort: SortPayload;
  filter?: Record<string, unknown>;
  /** Typed `never` so that each source can take its own record type. */
  describe: (record: never) => Pick<PrincipalOption, 'name' | 'email'>;
}

const describeGroup = (group: Group) => ({ name: group.name, email: null });

const sources: PrincipalSource[] = [
  {
    type: 'staff',
    resource: 'staff',
    sort: { field: 'lastName', order: 'ASC' },
    // Deactivated staff cannot sign in: nothing to share with them.
    filter: { active: true },
    describe: (user: StaffUser) => ({
      name: `${user.firstName} ${user.lastName}`,
      email: user.email,
    }),
  },
  {
    type: 'staff_group',
    resource: 'staff-groups',
    sort: { field: 'name', order: 'ASC' },
    describe: describeGroup,
  },
  {
    type: 'contact',
    resource: 'contacts',
    sort: { field: 'displayName', order: 'ASC' },
    describe: (contact: Contact) => ({ name: contact.displayName, email: contact.email }),
  },
  {
    type: 'contact_group',
    resource: 'contact-groups',
    sort: { field: 'name', order: 'ASC' },
    describe: describeGroup,
  },
];

// Per kind: the picker is for finding someone by name, not for browsing everyone.
const perSource = 10;

/**
 * Staff, staff groups, contacts and contact groups matching what is typed, searched together
 * (one request per resource, after a pause in typing).
 */
export const usePrincipalSearch = () => {
  const dataProvider = useDataProvider();
  const [q, setQ] = useState('');
  const search = useDebouncedEvent((text: string) => setQ(text.trim()), 300);
  const { data, error, isFetching } = useQuery({
    queryKey: ['sharing', 'principals', q],
    queryFn: async ({ signal }) => {
      const pages = await Promise.all(
        sources.map(({ resource, sort, filter }) =>
          dataProvider.getList(resource, {
            pagination: { page: 1, perPage: perSource },
            sort,
            filter: { ...filter, ...(q && { q }) },
            signal,
          }),
        ),
      );
      return pages.flatMap(({ data: records }, index) => {
        const { type, describe } = sources[index];
        return records.map((record): PrincipalOption => ({
          key: `${type}:${record.id}`,
          type,
          id: record.id,
          ...describe(record as never),
        }));
      });
    },
    // Keep the last matches on screen while the next ones load.
    placeholderData: (previous) => previous,
  });
  return { options: data ?? [], error, isFetching, search };
};
