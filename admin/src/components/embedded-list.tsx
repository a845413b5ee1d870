import { Typography } from '@mui/material';
import { type ReactNode, useEffect, useRef } from 'react';
import { ListBase, Pagination, type SortPayload, useListContext } from 'react-admin';

/** Reloads the list whenever `version` changes (the parent record moved on). */
const RefetchOnChange = ({ version }: { version: string }) => {
  const { refetch } = useListContext();
  const seen = useRef(version);
  useEffect(() => {
    if (seen.current === version) return;
    seen.current = version;
    refetch();
  }, [version, refetch]);
  return null;
};

interface EmbeddedListProps {
  resource: string;
  /** Says whose rows these are, e.g. `{ campaignId }`. */
  meta: Record<string, unknown>;
  sort: SortPayload;
  /** Changes when the parent record does: the rows are loaded again. */
  version: string;
  children: ReactNode;
}

/**
 * A record's rows on its page, 25 a page; filters and paging live in the component, not in the
 * page's URL or the store.
 */
export const EmbeddedList = ({ resource, meta, sort, version, children }: EmbeddedListProps) => (
  <ListBase
    resource={resource}
    queryOptions={{ meta }}
    sort={sort}
    perPage={25}
    disableSyncWithLocation
    storeKey={false}
  >
    <RefetchOnChange version={version} />
    {children}
  </ListBase>
);

export const EmbeddedListPagination = () => <Pagination rowsPerPageOptions={[25, 50, 100]} />;

/** What an embedded list shows when it has no rows. */
export const EmptyListText = ({ children }: { children: ReactNode }) => (
  <Typography variant="body2" color="text.secondary" sx={{ py: 3, textAlign: 'center' }}>
    {children}
  </Typography>
);
