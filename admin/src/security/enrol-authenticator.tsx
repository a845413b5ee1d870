import { Box, Button, TextField, Typography } from '@mui/material';
import { useEffect, useRef, useState } from 'react';
import { postJson } from '../providers/http-client';
import {
  groupedSecret,
  MFA_PATHS,
  type EnrolmentDone,
  type EnrolmentStart,
} from '../shared/mfa-api';
import type { StaffUser } from '../types';
import { CodeField } from './code-field';
import { useSubmit } from './use-submit';

/**
 * Setting up an authenticator app: its QR code (and the secret to type instead), then the first
 * code it shows. At sign-in this also completes the sign-in (`signedIn` in the answer).
 */
export const EnrolAuthenticator = ({
  onEnrolled,
  onError,
}: {
  onEnrolled: (done: EnrolmentDone<StaffUser>) => void;
  onError: (message: string) => void;
}) => {
  const [start, setStart] = useState<EnrolmentStart>();
  const [code, setCode] = useState('');
  const { submit, busy } = useSubmit(
    async () => onEnrolled(await postJson<EnrolmentDone<StaffUser>>(MFA_PATHS.confirm, { code })),
    (e) => onError((e as Error).message),
  );

  // One secret per set-up: asking again would replace the one being scanned.
  const reportError = useRef(onError);
  reportError.current = onError;
  useEffect(() => {
    const abort = new AbortController();
    postJson<EnrolmentStart>(MFA_PATHS.enrolment, {}, abort.signal).then(setStart, (e: Error) => {
      if (!abort.signal.aborted) reportError.current(e.message);
    });
    return () => abort.abort();
  }, []);

  if (!start) return <Typography>Preparing your authenticator set-up…</Typography>;
  return (
    <Box component="form" onSubmit={submit} sx={{ display: 'grid', gap: 2 }}>
      <Typography variant="h6" component="h2">
        Set up two-step sign-in
      </Typography>
      <Typography variant="body2">
        Scan this QR code with an authenticator app (Google Authenticator, Microsoft Authenticator,
        1Password…), then type the 6-digit code it shows.
      </Typography>
      <Box
        component="img"
        src={start.qrCode}
        alt="QR code for your authenticator app"
        sx={{ width: 200, height: 200, justifySelf: 'center' }}
      />
      <TextField
        label="Secret key"
        value={groupedSecret(start.secret)}
        helperText="Can't scan? Type this key into the app instead"
        slotProps={{ htmlInput: { readOnly: true, style: { fontFamily: 'monospace' } } }}
      />
      <CodeField value={code} onChange={setCode} />
      <Button type="submit" variant="contained" disabled={busy}>
        Turn on two-step sign-in
      </Button>
    </Box>
  );
};
