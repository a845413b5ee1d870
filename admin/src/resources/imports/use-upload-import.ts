import { useCallback } from 'react';
import { useDataProvider, useNotify, useRedirect } from 'react-admin';
import type { ClientHubDataProvider } from '../../providers/data-provider';
import { useUploadProgress } from '../../shared/use-upload-progress';
import type { ImportMode } from '../../types';

/** Uploads an import file with progress, then opens the job's page; a refusal is kept to show. */
export const useUploadImport = () => {
  const dataProvider = useDataProvider<ClientHubDataProvider>();
  const notify = useNotify();
  const redirect = useRedirect();
  const { run, ...state } = useUploadProgress();

  const upload = useCallback(
    async (file: File, mode: ImportMode, dryRun: boolean) => {
      const job = await run((onProgress) =>
        dataProvider.uploadImport(file, mode, dryRun, onProgress),
      );
      if (!job) return;
      notify(dryRun ? 'Dry run started' : 'Import started', { type: 'info' });
      redirect('show', 'imports', job.id);
    },
    [dataProvider, notify, redirect, run],
  );

  return { upload, ...state };
};
