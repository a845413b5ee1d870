import { useEffect, type ReactNode } from 'react';
import logo from '../assets/logo.svg';

interface FirmBranding {
  firmName: string;
  logoUrl: string | null;
}

interface PortalLayoutProps {
  /** The page's name in the browser tab. */
  title: string;
  /** The firm's name and logo once known; Client Hub's own until then. */
  firm?: FirmBranding;
  /** Controls at the right of the header (Sign out). */
  actions?: ReactNode;
  children: ReactNode;
}

/** Every portal page: a branded header over one centred column. */
export const PortalLayout = ({ title, firm, actions, children }: PortalLayoutProps) => {
  useEffect(() => {
    document.title = `${title} · Client portal`;
  }, [title]);

  return (
    <div className="portal">
      <header className="portal-header">
        {firm ? (
          <>
            {firm.logoUrl && (
              <img
                className="portal-firm-logo"
                src={firm.logoUrl}
                alt=""
                // A firm logo that fails to load should vanish, not leave a broken image.
                onError={(event) => {
                  event.currentTarget.hidden = true;
                }}
              />
            )}
            <span className="portal-brand">{firm.firmName}</span>
          </>
        ) : (
          <>
            <img src={logo} alt="" width={32} height={32} />
            <span className="portal-brand">Client Hub</span>
          </>
        )}
        {actions && <div className="portal-header-actions">{actions}</div>}
      </header>
      <main className="portal-main">{children}</main>
    </div>
  );
};
