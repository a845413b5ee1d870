import { AcceptInvitationPage } from './accept-invitation-page';
import { PortalHomePage } from './portal-home-page';
import { PortalLoginPage } from './portal-login-page';
import { PortalNotFoundPage } from './portal-not-found-page';
import { usePathname } from './portal-router';

/** Three pages need no router library: a switch on the path keeps the portal's bundle small. */
export const PortalApp = () => {
  switch (usePathname()) {
    case '/portal':
      return <PortalHomePage />;
    case '/portal/login':
      return <PortalLoginPage />;
    case '/portal/accept':
      return <AcceptInvitationPage />;
    default:
      return <PortalNotFoundPage />;
  }
};
