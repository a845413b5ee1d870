import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { AccountActions } from './account-actions';
import { LoadFailure } from './load-failure';
import type { PortalApiError } from './portal-api';
import { PortalLanding } from './portal-landing';
import { PortalLayout } from './portal-layout';
import { PortalLoading } from './portal-loading';
import { PortalTimeZone } from './portal-time';
import type { PortalMe } from './portal-types';

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
  const me = useQuery<PortalMe, PortalApiError>({ queryKey: ['/api/portal/me'] });

  if (me.isError && me.error.status === 401) return <PortalLanding />;
  if (me.isSuccess) {
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
      {me.isPending ? (
        <PortalLoading />
      ) : (
        <LoadFailure
          title="Your portal could not be opened"
          error={me.error}
          onRetry={() => void me.refetch()}
        />
      )}
    </PortalLayout>
  );
};
