import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId } from 'react';
import { useParams } from 'react-router-dom';
import { LoadFailure } from './load-failure';
import { portalFetch, type PortalApiError } from './portal-api';
import { PortalLayout } from './portal-layout';
import { PortalLoading } from './portal-loading';
import type { UnsubscribeInfo } from './portal-types';

/**
 * /portal/unsubscribe/<token>: the link at the foot of a campaign email. No sign-in (the token
 * is the key), and a button rather than unsubscribing on load, since mail scanners open links.
 */
export const UnsubscribePage = () => {
  const { token = '' } = useParams();
  const path = `/api/unsubscribe/${encodeURIComponent(token)}`;
  const info = useQuery<UnsubscribeInfo, PortalApiError>({ queryKey: [path] });

  if (info.isError && info.error.code === 'UNSUBSCRIBE_LINK_INVALID') {
    return <InvalidLink message={info.error.message} />;
  }
  if (!info.isSuccess) {
    return (
      <PortalLayout title="Unsubscribe">
        {info.isPending ? (
          <PortalLoading />
        ) : (
          <LoadFailure
            title="This page could not load"
            error={info.error}
            onRetry={() => void info.refetch()}
          />
        )}
      </PortalLayout>
    );
  }
  return (
    <PortalLayout title="Unsubscribe" firm={info.data}>
      {info.data.unsubscribed ? (
        <Unsubscribed info={info.data} />
      ) : (
        <Confirm info={info.data} path={path} />
      )}
    </PortalLayout>
  );
};

const Confirm = ({ info, path }: { info: UnsubscribeInfo; path: string }) => {
  const headingId = useId();
  const queryClient = useQueryClient();
  // The answer is the page's new state.
  const unsubscribe = useMutation({
    mutationFn: () => portalFetch<UnsubscribeInfo>(path, { method: 'POST' }),
    onSuccess: (done) => {
      queryClient.setQueryData([path], done);
    },
  });

  return (
    <section className="portal-card" aria-labelledby={headingId}>
      <h1 id={headingId}>Unsubscribe from {info.firmName}&apos;s updates?</h1>
      <p className="portal-lead">
        <strong>{info.email}</strong> will no longer get {info.firmName}&apos;s newsletters and
        announcements.
      </p>
      <p>Invitations to your portal and requests for documents still reach you.</p>
      {unsubscribe.error && (
        <p className="portal-error" role="alert">
          {unsubscribe.error.message}
        </p>
      )}
      <button
        type="button"
        className="portal-button"
        onClick={() => unsubscribe.mutate()}
        disabled={unsubscribe.isPending}
      >
        Unsubscribe
      </button>
    </section>
  );
};

const Unsubscribed = ({ info }: { info: UnsubscribeInfo }) => {
  const headingId = useId();
  return (
    <section className="portal-card" aria-labelledby={headingId}>
      <h1 id={headingId}>You&apos;re unsubscribed</h1>
      <p className="portal-lead" role="status">
        <strong>{info.email}</strong> will no longer get {info.firmName}&apos;s updates.
      </p>
      <p>Invitations to your portal and requests for documents still reach you.</p>
    </section>
  );
};

const InvalidLink = ({ message }: { message: string }) => {
  const headingId = useId();
  return (
    <PortalLayout title="Unsubscribe">
      <section className="portal-card" aria-labelledby={headingId}>
        <h1 id={headingId}>This link is not valid</h1>
        <p role="alert">{message}</p>
        <p>Use the unsubscribe link at the foot of the most recent email from your firm.</p>
      </section>
    </PortalLayout>
  );
};
