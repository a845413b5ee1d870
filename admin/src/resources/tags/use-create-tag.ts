import { useCallback } from 'react';
import { useDataProvider, useNotify } from 'react-admin';
import type { Tag } from '../../types';
import { paletteColorFor } from './tag-palette';

/** Creates a tag from a typed name (with a palette colour), for autocompletes' "Create …" option. */
export const useCreateTag = () => {
  const dataProvider = useDataProvider();
  const notify = useNotify();
  return useCallback(
    async (name?: string): Promise<Tag | undefined> => {
      const trimmed = name?.trim();
      if (!trimmed) return undefined;
      try {
        const { data } = await dataProvider.create<Tag>('tags', {
          data: { name: trimmed, color: paletteColorFor(trimmed) },
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
