import logo from '../assets/logo.svg';

/**
 * What a client contact sees at /portal until invitations exist: where their way in comes
 * from, and a door for staff. No login form, because contacts have no password yet.
 */
export const PortalLanding = () => (
  <div className="portal">
    <header className="portal-header">
      <img src={logo} alt="" width={32} height={32} />
      <span className="portal-brand">Client Hub</span>
    </header>
    <main className="portal-main">
      <section className="portal-card" aria-labelledby="portal-title">
        <h1 id="portal-title">Client portal</h1>
        <p className="portal-lead">Sign in with the invitation link your firm sends you.</p>
        <p>
          Your accountant invites you by email. Open the link in that email to set your password and
          reach your documents and requests. If the link has expired, ask your firm to send a new
          one.
        </p>
      </section>
      <p className="portal-staff">
        Work at the firm? <a href="/admin/">Go to the staff console</a>
      </p>
    </main>
  </div>
);
