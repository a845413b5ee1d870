import { useCallback } from 'react';
import { type Identifier, useDataProvider, useNotify, useRefresh } from 'react-admin';
import type { ClientHubDataProvider } from '../../providers/data-provider';
import { useUploadProgress } from '../../shared/use-upload-progress';

/** Uploads a file (or a new version of one) to the client with progress; a refusal is kept to show. */
export const useUploadClientFile = (clientId: Identifier) => {
  const dataProvider = useDataProvider<ClientHubDataProvider>();
  const notify = useNotify();
  const refresh = useRefresh();
  const { run, ...state } = useUploadProgress();

  const upload = useCallback(
    async (file: File, fileId?: Identifier) => {
      const added = await run((onProgress) =>
        dataProvider.uploadClientFile(clientId, file, fileId, onProgress),
      );
      if (!added) return;
      notify(
        added.version > 1 ? `${added.name}: version ${added.version} uploaded` : 'File uploaded',
        { type: 'success' },
      );
      refresh();
    },
    [clientId, dataProvider, notify, refresh, run],
  );

  return { upload, ...state };
};
