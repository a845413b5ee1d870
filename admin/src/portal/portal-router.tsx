import { createBrowserRouter, Outlet, ScrollRestoration, useLocation } from 'react-router-dom';
import { AcceptInvitationPage } from './accept-invitation-page';
import { ClientPage } from './client-page';
import { FileRequestPage } from './file-request-page';
import { ForgotPasswordPage } from './forgot-password-page';
import { PortalHomePage } from './portal-home-page';
import { PortalLoginPage } from './portal-login-page';
import { PortalNotFoundPage } from './portal-not-found-page';
import { ProfilePage } from './profile-page';
import { SetPasswordPage } from './set-password-page';
import { UnsubscribePage } from './unsubscribe-page';

/** A new page per address: another client's or request's page starts afresh, not from this one's state. */
const PortalPages = () => {
  const { pathname } = useLocation();
  return (
    <>
      <ScrollRestoration />
      <Outlet key={pathname.replace(/\/+$/, '')} />
    </>
  );
};

/** The portal's addresses; "/portal/" and "/portal" are the same page. */
export const portalRouter = createBrowserRouter([
  {
    element: <PortalPages />,
    children: [
      { path: '/portal', element: <PortalHomePage /> },
      { path: '/portal/login', element: <PortalLoginPage /> },
      { path: '/portal/accept', element: <AcceptInvitationPage /> },
      { path: '/portal/forgot-password', element: <ForgotPasswordPage /> },
      { path: '/portal/set-password', element: <SetPasswordPage /> },
      { path: '/portal/profile', element: <ProfilePage /> },
      { path: '/portal/clients/:clientId', element: <ClientPage /> },
      // Where request emails link.
      { path: '/portal/requests/:requestId', element: <FileRequestPage /> },
      // Where the unsubscribe link of a campaign email leads.
      { path: '/portal/unsubscribe/:token', element: <UnsubscribePage /> },
      { path: '*', element: <PortalNotFoundPage /> },
    ],
  },
]);
