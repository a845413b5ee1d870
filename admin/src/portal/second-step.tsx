import { useState } from 'react';
import type { SecondFactorDue } from '../shared/mfa-api';
import { CodeStepForm } from './code-step-form';
import { EnrolAuthenticatorForm } from './enrol-authenticator-form';
import { RecoveryCodesList } from './recovery-codes-list';

/**
 * After the password (sign-in, or an accepted invitation): the app's code, or setting up an app
 * first and keeping its recovery codes. `onDone` once the session is open.
 */
export const SecondStep = ({
  due,
  onDone,
}: {
  due: SecondFactorDue['secondFactor'];
  onDone: () => void;
}) => {
  const [codes, setCodes] = useState<string[]>();
  if (codes) return <RecoveryCodesList codes={codes} onDone={onDone} />;
  return due === 'code' ? (
    <CodeStepForm onSignedIn={onDone} />
  ) : (
    <EnrolAuthenticatorForm onEnrolled={(result) => setCodes(result.recoveryCodes)} />
  );
};
