import type { ReactNode } from 'react';
import { AccountActions } from './account-actions';
import { LoadFailure } from './load-failure';
import { PortalLanding } from './portal-landing';
import { PortalLayout } from './portal-layout';
import { PortalLoading } from './portal-loading';
import { PortalTimeZone } from './portal-time';
import type { PortalMe } from './portal-types';
import { useApiGet } from './use-api-get';

interface SignedInPageProps {
  /** The page's name in the browser tab once the contact is known. */
  title: string | ((me: PortalMe) => string);
  children: (me: PortalMe) => ReactNode;
}

/**
 * A page for a signed-in contact: the firm's header with Profile and Sign out over the page,
 * or the signed-out landing when nobody is signed in.
 */
export const SignedInPage = ({ title, children }: SignedInPageProps) => {
  const [me, retry] = useApiGet<PortalMe>('/api/portal/me');

  if (me.status === 'failed' && me.error.status === 401) return <PortalLanding />;
  if (me.status === 'ok') {
    return (
      <PortalLayout
        title={typeof title === 'function' ? title(me.data) : title}
        firm={me.data}
        actions={<AccountActions />}
      >
        <PortalTimeZone.Provider value={me.data.timeZone}>
          {children(me.data)}
        </PortalTimeZone.Provider>
      </PortalLayout>
    );
  }
  return (
    <PortalLayout title="Client portal">
      {me.status === 'loading' ? (
        <PortalLoading />
      ) : (
        <LoadFailure title="Your portal could not be opened" error={me.error} onRetry={retry} />
      )}
    </PortalLayout>
  );
};
