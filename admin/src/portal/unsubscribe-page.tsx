import { useId, useState } from 'react';
import { LoadFailure } from './load-failure';
import { portalFetch, type PortalApiError } from './portal-api';
import { PortalLayout } from './portal-layout';
import { PortalLoading } from './portal-loading';
import type { UnsubscribeInfo } from './portal-types';
import { useApiGet } from './use-api-get';

/**
 * /portal/unsubscribe/<token>: the link at the foot of a campaign email. No sign-in (the token
 * is the key), and a button rather than unsubscribing on load, since mail scanners open links.
 */
export const UnsubscribePage = ({ token }: { token: string }) => {
  const path = `/api/unsubscribe/${encodeURIComponent(token)}`;
  const [info, retry] = useApiGet<UnsubscribeInfo>(path);
  const [done, setDone] = useState<UnsubscribeInfo | null>(null);

  if (info.status === 'failed' && info.error.code === 'UNSUBSCRIBE_LINK_INVALID') {
    return <InvalidLink message={info.error.message} />;
  }
  if (info.status !== 'ok') {
    return (
      <PortalLayout title="Unsubscribe">
        {info.status === 'loading' ? (
          <PortalLoading />
        ) : (
          <LoadFailure title="This page could not load" error={info.error} onRetry={retry} />
        )}
      </PortalLayout>
    );
  }
  const shown = done ?? info.data;
  return (
    <PortalLayout title="Unsubscribe" firm={shown}>
      {shown.unsubscribed ? (
        <Unsubscribed info={shown} />
      ) : (
        <Confirm info={shown} path={path} onDone={setDone} />
      )}
    </PortalLayout>
  );
};

const Confirm = ({
  info,
  path,
  onDone,
}: {
  info: UnsubscribeInfo;
  path: string;
  onDone: (info: UnsubscribeInfo) => void;
}) => {
  const headingId = useId();
  const [error, setError] = useState<PortalApiError | null>(null);
  const [submitting, setSubmitting] = useState(false);

  const unsubscribe = async () => {
    setSubmitting(true);
    setError(null);
    try {
      onDone(await portalFetch<UnsubscribeInfo>(path, { method: 'POST' }));
    } catch (failure) {
      setError(failure as PortalApiError);
      setSubmitting(false);
    }
  };

  return (
    <section className="portal-card" aria-labelledby={headingId}>
      <h1 id={headingId}>Unsubscribe from {info.firmName}&apos;s updates?</h1>
      <p className="portal-lead">
        <strong>{info.email}</strong> will no longer get {info.firmName}&apos;s newsletters and
        announcements.
      </p>
      <p>Invitations to your portal and requests for documents still reach you.</p>
      {error && (
        <p className="portal-error" role="alert">
          {error.message}
        </p>
      )}
      <button type="button" className="portal-button" onClick={unsubscribe} disabled={submitting}>
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
