import { Box, LinearProgress, Typography } from '@mui/material';

interface UploadProgressBarProps {
  /** Fraction of the file sent. */
  progress: number;
  /** Shown once the whole file is sent and the server is still at work. */
  finishing: string;
}

/** How far an upload got, as a bar and in words. */
export const UploadProgressBar = ({ progress, finishing }: UploadProgressBarProps) => (
  <Box>
    <LinearProgress variant="determinate" value={progress * 100} aria-label="Upload progress" />
    <Typography variant="body2" color="text.secondary" sx={{ mt: 0.5 }}>
      {progress < 1 ? `Uploading… ${Math.round(progress * 100)}%` : finishing}
    </Typography>
  </Box>
);
