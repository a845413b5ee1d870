import { useCallback, useEffect, useState } from 'react';
import { portalFetch, type PortalApiError } from './portal-api';

export type ApiGet<T> =
  { status: 'loading' } | { status: 'ok'; data: T } | { status: 'failed'; error: PortalApiError };

/**
 * GETs `path` when mounted and again on retry (which shows loading meanwhile) or refresh (which
 * keeps what is shown until the answer comes); answers arriving after unmount are dropped.
 */
export function useApiGet<T>(path: string): [ApiGet<T>, () => void, () => void] {
  const [state, setState] = useState<ApiGet<T>>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    portalFetch<T>(path, { signal: controller.signal }).then(
      (data) => {
        if (!controller.signal.aborted) setState({ status: 'ok', data });
      },
      (error: unknown) => {
        if (!controller.signal.aborted) {
          setState({ status: 'failed', error: error as PortalApiError });
        }
      },
    );
    return () => controller.abort();
  }, [path, attempt]);

  const retry = useCallback(() => {
    setState({ status: 'loading' });
    setAttempt((count) => count + 1);
  }, []);

  const refresh = useCallback(() => setAttempt((count) => count + 1), []);

  return [state, retry, refresh];
}
