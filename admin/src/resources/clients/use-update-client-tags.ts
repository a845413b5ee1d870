import { useMutation } from '@tanstack/react-query';
import { useCallback } from 'react';
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
  const { mutateAsync, isPending } = useMutation({
    mutationFn: ({ ids, add = [], remove = [] }: TagChange) =>
      dataProvider.bulkUpdateTags(ids, add, remove),
    onSuccess: ({ updated }) => {
      notify(updated === 1 ? 'Tags updated on 1 client' : `Tags updated on ${updated} clients`, {
        type: 'success',
      });
      refresh();
    },
    onError: (error) =>
      notify(error instanceof Error ? error.message : 'Could not update the tags', {
        type: 'error',
      }),
  });

  /** Resolves to whether it worked. */
  const updateTags = useCallback(
    (change: TagChange): Promise<boolean> =>
      mutateAsync(change).then(
        () => true,
        () => false,
      ),
    [mutateAsync],
  );

  return { updateTags, isPending };
};
