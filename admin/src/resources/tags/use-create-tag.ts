import { useCallback } from 'react';
import { useDataProvider, useNotify } from 'react-admin';
import type { Tag } from '../../types';

/**
 * Creates a tag from a typed name, for autocompletes' "Create …" option; the API gives it the
 * palette colour fewest tags wear.
 */
export const useCreateTag = () => {
  const dataProvider = useDataProvider();
  const notify = useNotify();
  return useCallback(
    async (name?: string): Promise<Tag | undefined> => {
      const trimmed = name?.trim();
      if (!trimmed) return undefined;
      try {
        const { data } = await dataProvider.create<Tag>('tags', {
          data: { name: trimmed },
        });
        notify(`Tag "${data.name}" created`, { type: 'success' });
        return data;
      } catch (error) {
        notify(error instanceof Error ? error.message : 'Could not create the tag', {
          type: 'error',
        });
        return undefined;
      }
    },
    [dataProvider, notify],
  );
};
