import { Alert, Box, Button, Card, CardContent, TextField, Typography } from '@mui/material';
import { useCallback, useEffect, useState } from 'react';
import { Title, useNotify } from 'react-admin';
import { httpClient, postJson } from '../providers/http-client';
import { MFA_PATHS, type MfaStatus } from '../shared/mfa-api';
import { useFirmTime } from '../shared/firm-time';
import { CodeField } from './code-field';
import { EnrolAuthenticator } from './enrol-authenticator';
import { RecoveryCodesPanel } from './recovery-codes-panel';
import { useSubmit } from './use-submit';

type View = 'status' | 'enrol' | { codes: string[] };

/** /security: your two-step sign-in: set it up, new recovery codes, or turn it off. */
export const SecurityPage = () => {
  const notify = useNotify();
  const formatTime = useFirmTime();
  const [status, setStatus] = useState<MfaStatus>();
  const [view, setView] = useState<View>('status');
  const load = useCallback(
    () => httpClient(MFA_PATHS.status).then(({ json }) => setStatus(json as MfaStatus)),
    [],
  );
  useEffect(() => {
    void load();
  }, [load]);
  const fail = useCallback((message: string) => notify(message, { type: 'error' }), [notify]);
  const showCodes = (codes: string[]) => {
    setView({ codes });
    void load();
  };

  return (
    <Card sx={{ mt: 2, maxWidth: 640 }}>
      <Title title="Two-step sign-in" />
      <CardContent sx={{ display: 'grid', gap: 3 }}>
        {typeof view === 'object' ? (
          <RecoveryCodesPanel codes={view.codes} onDone={() => setView('status')} />
        ) : view === 'enrol' ? (
          <EnrolAuthenticator onEnrolled={(done) => showCodes(done.recoveryCodes)} onError={fail} />
        ) : !status ? null : status.enrolled ? (
          <>
            <Alert severity="success">
              Two-step sign-in is on since {formatTime(status.enrolledAt)}.{' '}
              {status.recoveryCodesLeft} recovery codes left.
            </Alert>
            <CodeAction
              title="New recovery codes"
              help="Type a code from your app; your old recovery codes stop working."
              button="Make new recovery codes"
              onSubmit={async (body) =>
                showCodes(
                  (await postJson<{ recoveryCodes: string[] }>(MFA_PATHS.recoveryCodes, body))
                    .recoveryCodes,
                )
              }
              onError={fail}
            />
            <CodeAction
              title="Turn off two-step sign-in"
              help={
                status.required
                  ? 'Your firm requires it: you will set up an app again at your next sign-in.'
                  : 'Type a code from your app, or your password.'
              }
              button="Turn off"
              allowPassword
              onSubmit={async (body) => {
                await postJson(MFA_PATHS.remove, body);
                notify('Two-step sign-in is off', { type: 'info' });
                await load();
              }}
              onError={fail}
            />
          </>
        ) : (
          <>
            <Alert severity={status.required ? 'warning' : 'info'}>
              Two-step sign-in is off.
              {status.required && ' Your firm requires it.'}
            </Alert>
            <Button
              variant="contained"
              onClick={() => setView('enrol')}
              sx={{ justifySelf: 'start' }}
            >
              Set up an authenticator app
            </Button>
          </>
        )}
      </CardContent>
    </Card>
  );
};

const CodeAction = ({
  title,
  help,
  button,
  allowPassword = false,
  onSubmit,
  onError,
}: {
  title: string;
  help: string;
  button: string;
  allowPassword?: boolean;
  onSubmit: (body: { code: string } | { password: string }) => Promise<void>;
  onError: (message: string) => void;
}) => {
  const [usePassword, setUsePassword] = useState(false);
  const [value, setValue] = useState('');
  const { submit, busy } = useSubmit(
    async () => {
      await onSubmit(usePassword ? { password: value } : { code: value });
      setValue('');
    },
    (error) => onError((error as Error).message),
  );
  return (
    <Box component="form" onSubmit={submit} aria-label={title} sx={{ display: 'grid', gap: 1.5 }}>
      <Typography variant="h6" component="h2">
        {title}
      </Typography>
      <Typography variant="body2">{help}</Typography>
      {usePassword ? (
        <TextField
          label="Password"
          type="password"
          required
          autoComplete="current-password"
          value={value}
          onChange={(event) => setValue(event.target.value)}
        />
      ) : (
        <CodeField value={value} onChange={setValue} />
      )}
      {allowPassword && (
        <Button
          size="small"
          sx={{ justifySelf: 'start' }}
          onClick={() => {
            setUsePassword(!usePassword);
            setValue('');
          }}
        >
          {usePassword ? 'Use a code instead' : 'Use my password instead'}
        </Button>
      )}
      <Button type="submit" variant="outlined" disabled={busy} sx={{ justifySelf: 'start' }}>
        {button}
      </Button>
    </Box>
  );
};
