import { useCallback, useState } from 'react';
import { type Identifier, useDataProvider, useNotify, useRefresh } from 'react-admin';
import type { ClientHubDataProvider } from '../../providers/data-provider';

interface TagChange {
  ids: Identifier[];
  add?: Identifier[];
  remove?: Identifier[];
}

/** Adds/removes tags on clients through the bulk endpoint, then refreshes lists and counts. */
export const useUpdateClientTags = () => {
  const dataProvider = useDataProvider<ClientHubDataProvider>();
  const notify = useNotify();
  const refresh = useRefresh();
  const [isPending, setPending] = useState(false);

  const updateTags = useCallback(
    async ({ ids, add = [], remove = [] }: TagChange): Promise<boolean> => {
      setPending(true);
      try {
        const { updated } = await dataProvider.bulkUpdateTags(ids, add, remove);
        notify(updated === 1 ? 'Tags updated on 1 client' : `Tags updated on ${updated} clients`, {
          type: 'success',
        });
        refresh();
        return true;
      } catch (error) {
        notify(error instanceof Error ? error.message : 'Could not update the tags', {
          type: 'error',
        });
        return false;
      } finally {
        setPending(false);
      }
    },
    [dataProvider, notify, refresh],
  );

  return { updateTags, isPending };
};
