import { useCallback, useState } from 'react';
import { fieldMessage } from './field-message';

/**
 * One upload at a time, with how far it got: `progress` is the fraction sent, null when no upload
 * is under way; a refusal is kept in `error`, in the API's words without their "file:" prefix.
 */
export const useUploadProgress = () => {
  const [progress, setProgress] = useState<number | null>(null);
  const [error, setError] = useState<string>();

  /** Resolves to what `send` resolved to, or undefined when it failed. */
  const run = useCallback(
    async <T>(send: (onProgress: (fraction: number) => void) => Promise<T>) => {
      setError(undefined);
      setProgress(0);
      try {
        return await send(setProgress);
      } catch (failure) {
        setError(failure instanceof Error ? fieldMessage(failure.message) : 'The upload failed');
        return undefined;
      } finally {
        setProgress(null);
      }
    },
    [],
  );

  return { run, progress, error, clearError: useCallback(() => setError(undefined), []) };
};
