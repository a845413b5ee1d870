import { Alert, Box, Button, Typography } from '@mui/material';

/** The recovery codes, shown once: the user keeps them before going on. */
export const RecoveryCodesPanel = ({
  codes,
  onDone,
  doneLabel = 'I have saved my recovery codes',
}: {
  codes: string[];
  onDone: () => void;
  doneLabel?: string;
}) => (
  <Box sx={{ display: 'grid', gap: 2 }}>
    <Typography variant="h6" component="h2">
      Save your recovery codes
    </Typography>
    <Alert severity="warning">
      Each code signs you in once if you lose your phone. They are shown only now: print them or
      keep them in a password manager.
    </Alert>
    <Box
      component="ul"
      aria-label="Recovery codes"
      sx={{
        fontFamily: 'monospace',
        fontSize: 16,
        listStyle: 'none',
        p: 0,
        m: 0,
        display: 'grid',
        gridTemplateColumns: 'repeat(2, 1fr)',
        gap: 1,
      }}
    >
      {codes.map((code) => (
        <li key={code}>{code}</li>
      ))}
    </Box>
    <Button variant="contained" onClick={onDone}>
      {doneLabel}
    </Button>
  </Box>
);
