import { Box, Button, Link, TextField } from '@mui/material';
import { useCallback, useState } from 'react';
import { useLogin, useNotify } from 'react-admin';
import { httpClient, postJson } from '../providers/http-client';
import { isSecondFactorDue, MFA_PATHS, type SecondFactorDue } from '../shared/mfa-api';
import type { StaffUser } from '../types';
import { CodeField } from './code-field';
import { EnrolAuthenticator } from './enrol-authenticator';
import { RecoveryCodesPanel } from './recovery-codes-panel';
import { useSubmit } from './use-submit';

type Step =
  | { kind: 'password' }
  | { kind: SecondFactorDue['secondFactor'] }
  | { kind: 'codes'; codes: string[]; user: StaffUser };

/**
 * Staff sign-in: the password, then the authenticator's code, or, the first time when the firm
 * requires it, setting one up (and keeping the recovery codes). Only then is there a session.
 */
export const SignInSteps = () => {
  const login = useLogin();
  const notify = useNotify();
  const [step, setStep] = useState<Step>({ kind: 'password' });
  const fail = useCallback(
    (error: unknown) => {
      notify((error as Error).message, { type: 'error' });
      // An expired half sign-in starts over.
      if ((error as { status?: number }).status === 401) setStep({ kind: 'password' });
    },
    [notify],
  );
  const finish = (user: StaffUser) => login({ user });

  switch (step.kind) {
    case 'password':
      return (
        <PasswordStep
          onDone={(answer) =>
            isSecondFactorDue(answer) ? setStep({ kind: answer.secondFactor }) : finish(answer)
          }
          onError={fail}
        />
      );
    case 'code':
      return <CodeStep onDone={finish} onError={fail} />;
    case 'enrol':
      return (
        <Box sx={{ p: 2 }}>
          <EnrolAuthenticator
            onEnrolled={(done) =>
              setStep({ kind: 'codes', codes: done.recoveryCodes, user: done.signedIn! })
            }
            onError={(message) => fail(new Error(message))}
          />
        </Box>
      );
    case 'codes':
      return (
        <Box sx={{ p: 2 }}>
          <RecoveryCodesPanel
            codes={step.codes}
            onDone={() => finish(step.user)}
            doneLabel="I have saved them, continue"
          />
        </Box>
      );
  }
};

const PasswordStep = ({
  onDone,
  onError,
}: {
  onDone: (answer: StaffUser | SecondFactorDue) => void;
  onError: (error: unknown) => void;
}) => {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const { submit, busy } = useSubmit(async () => {
    const { json } = await httpClient('/api/auth/login', {
      method: 'POST',
      body: JSON.stringify({ email, password }),
    });
    onDone(json as StaffUser | SecondFactorDue);
  }, onError);
  return (
    <Box component="form" onSubmit={submit} sx={{ display: 'grid', gap: 2, p: 2 }}>
      <TextField
        label="Email"
        type="email"
        autoFocus
        autoComplete="username"
        required
        value={email}
        onChange={(event) => setEmail(event.target.value)}
      />
      <TextField
        label="Password"
        type="password"
        autoComplete="current-password"
        required
        value={password}
        onChange={(event) => setPassword(event.target.value)}
      />
      <Button type="submit" variant="contained" disabled={busy}>
        Sign in
      </Button>
    </Box>
  );
};

const CodeStep = ({
  onDone,
  onError,
}: {
  onDone: (user: StaffUser) => void;
  onError: (error: unknown) => void;
}) => {
  const [recovery, setRecovery] = useState(false);
  const [value, setValue] = useState('');
  const { submit, busy } = useSubmit(async () => {
    onDone(
      await postJson<StaffUser>(
        MFA_PATHS.verify,
        recovery ? { recoveryCode: value } : { code: value },
      ),
    );
  }, onError);
  return (
    <Box component="form" onSubmit={submit} sx={{ display: 'grid', gap: 2, p: 2 }}>
      {recovery ? (
        <TextField
          label="Recovery code"
          required
          autoFocus
          autoComplete="off"
          value={value}
          onChange={(event) => setValue(event.target.value)}
        />
      ) : (
        <CodeField value={value} onChange={setValue} />
      )}
      <Button type="submit" variant="contained" disabled={busy}>
        Verify
      </Button>
      <Link
        component="button"
        type="button"
        variant="body2"
        onClick={() => {
          setRecovery(!recovery);
          setValue('');
        }}
      >
        {recovery ? 'Use the code from my app' : 'Lost your phone? Use a recovery code'}
      </Link>
    </Box>
  );
};
