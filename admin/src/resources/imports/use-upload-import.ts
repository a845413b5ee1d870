import { useCallback, useState } from 'react';
import { useDataProvider, useNotify, useRedirect } from 'react-admin';
import type { ClientHubDataProvider } from '../../providers/data-provider';
import type { ImportMode } from '../../types';

/** Uploads an import file with progress, then opens the job's page; a refusal is kept to show. */
export const useUploadImport = () => {
  const dataProvider = useDataProvider<ClientHubDataProvider>();
  const notify = useNotify();
  const redirect = useRedirect();
  /** Fraction of the file sent, null when no upload is under way. */
  const [progress, setProgress] = useState<number | null>(null);
  const [error, setError] = useState<string>();

  const upload = useCallback(
    async (file: File, mode: ImportMode, dryRun: boolean) => {
      setError(undefined);
      setProgress(0);
      try {
        const job = await dataProvider.uploadImport(file, mode, dryRun, setProgress);
        notify(dryRun ? 'Dry run started' : 'Import started', { type: 'info' });
        redirect('show', 'imports', job.id);
      } catch (failure) {
        setError(failure instanceof Error ? failure.message : 'The upload failed');
        setProgress(null);
      }
    },
    [dataProvider, notify, redirect],
  );

  return { upload, progress, error, clearError: useCallback(() => setError(undefined), []) };
};
