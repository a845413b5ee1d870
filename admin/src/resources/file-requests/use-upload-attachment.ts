import { useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { type Identifier, useDataProvider, useNotify } from 'react-admin';
import type { ClientHubDataProvider } from '../../providers/data-provider';
import { useUploadProgress } from '../../shared/use-upload-progress';

/**
 * Uploads a new file to the client (as the Files section does) and resolves to it, so the
 * request can attach it; a refusal (e.g. 403 for a viewer) is kept in `error` to show.
 */
export const useUploadAttachment = (clientId: Identifier) => {
  const dataProvider = useDataProvider<ClientHubDataProvider>();
  const queryClient = useQueryClient();
  const notify = useNotify();
  const { run, ...state } = useUploadProgress();

  const upload = useCallback(
    async (file: File) => {
      const added = await run((onProgress) =>
        dataProvider.uploadClientFile(clientId, file, undefined, onProgress),
      );
      if (!added) return undefined;
      notify(`${added.name} uploaded and attached`, { type: 'success' });
      // The client's file list (the attachment choices) now has it.
      await queryClient.invalidateQueries({ queryKey: ['clients', 'files', clientId] });
      return added;
    },
    [clientId, dataProvider, notify, queryClient, run],
  );

  return { upload, ...state };
};
