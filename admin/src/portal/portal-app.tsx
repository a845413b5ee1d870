import { AcceptInvitationPage } from './accept-invitation-page';
import { ClientPage } from './client-page';
import { FileRequestPage } from './file-request-page';
import { ForgotPasswordPage } from './forgot-password-page';
import { PortalHomePage } from './portal-home-page';
import { PortalLoginPage } from './portal-login-page';
import { PortalNotFoundPage } from './portal-not-found-page';
import { usePathname } from './portal-router';
import { ProfilePage } from './profile-page';
import { SetPasswordPage } from './set-password-page';
import { UnsubscribePage } from './unsubscribe-page';

const CLIENT_PATH = /^\/portal\/clients\/([^/]+)$/;
// Where request emails link.
const REQUEST_PATH = /^\/portal\/requests\/([^/]+)$/;
// Where the unsubscribe link of a campaign email leads.
const UNSUBSCRIBE_PATH = /^\/portal\/unsubscribe\/([^/]+)$/;

/** A handful of pages need no router library: a switch on the path keeps the portal's bundle small. */
export const PortalApp = () => {
  const pathname = usePathname();
  const clientId = CLIENT_PATH.exec(pathname)?.[1];
  // A new key per client: its page starts afresh rather than showing the previous client.
  if (clientId) return <ClientPage key={clientId} clientId={clientId} />;
  const requestId = REQUEST_PATH.exec(pathname)?.[1];
  if (requestId) return <FileRequestPage key={requestId} requestId={requestId} />;
  const unsubscribeToken = UNSUBSCRIBE_PATH.exec(pathname)?.[1];
  if (unsubscribeToken) return <UnsubscribePage key={unsubscribeToken} token={unsubscribeToken} />;
  switch (pathname) {
    case '/portal':
      return <PortalHomePage />;
    case '/portal/login':
      return <PortalLoginPage />;
    case '/portal/accept':
      return <AcceptInvitationPage />;
    case '/portal/forgot-password':
      return <ForgotPasswordPage />;
    case '/portal/set-password':
      return <SetPasswordPage />;
    case '/portal/profile':
      return <ProfilePage />;
    default:
      return <PortalNotFoundPage />;
  }
};
