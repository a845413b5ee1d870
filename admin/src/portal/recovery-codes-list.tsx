import { useId } from 'react';

/** The recovery codes, shown once; the contact confirms they kept them. */
export const RecoveryCodesList = ({ codes, onDone }: { codes: string[]; onDone: () => void }) => {
  const headingId = useId();
  return (
    <section aria-labelledby={headingId}>
      <h2 id={headingId}>Save your recovery codes</h2>
      <p className="portal-lead">
        Each code signs you in once if you lose your phone. They are shown only now: print them or
        keep them in a password manager.
      </p>
      <ul className="portal-recovery-codes" aria-label="Recovery codes">
        {codes.map((code) => (
          <li key={code}>{code}</li>
        ))}
      </ul>
      <button type="button" className="portal-button" onClick={onDone}>
        I have saved my recovery codes
      </button>
    </section>
  );
};
