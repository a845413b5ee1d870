import { QueryClient } from '@tanstack/react-query';
import { portalFetch } from './portal-api';

/**
 * Every load is a GET of the path its query key names. A page shows what the API answered when
 * it opened, and after the contact's own changes: no retry delays a sign-in prompt, nothing is
 * fetched again behind the contact's back, and nothing is kept once no page shows it (another
 * contact may sign in next in this tab).
 */
export const portalQueryClient = new QueryClient({
  defaultOptions: {
    queries: {
      queryFn: ({ queryKey: [path], signal }) => portalFetch(String(path), { signal }),
      retry: false,
      refetchOnWindowFocus: false,
      refetchOnReconnect: false,
      gcTime: 0,
    },
    mutations: { gcTime: 0 },
  },
});
