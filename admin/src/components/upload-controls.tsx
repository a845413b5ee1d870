import UploadFileOutlinedIcon from '@mui/icons-material/UploadFileOutlined';
import { Alert, Box, Button } from '@mui/material';
import { FilePicker } from '../shared/file-picker';
import { UploadProgressBar } from './upload-progress-bar';

interface UploadStatusProps {
  error: string | null | undefined;
  onClearError: () => void;
  /** Fraction sent while an upload is under way, else null. */
  progress: number | null;
}

/** Why the last upload failed (dismissable), and how far the current one got. */
export const UploadStatus = ({ error, onClearError, progress }: UploadStatusProps) => (
  <>
    {error && (
      <Alert severity="error" onClose={onClearError} sx={{ width: '100%' }}>
        {error}
      </Alert>
    )}
    {progress !== null && (
      <Box sx={{ width: '100%' }}>
        <UploadProgressBar progress={progress} finishing="Saving the file…" />
      </Box>
    )}
  </>
);

interface UploadButtonProps {
  /** The hidden file input's name. */
  inputLabel: string;
  label: string;
  disabled: boolean;
  onFile: (file: File) => void;
}

/** A small outlined button that opens the browser's file chooser. */
export const UploadButton = ({ inputLabel, label, disabled, onFile }: UploadButtonProps) => (
  <FilePicker inputLabel={inputLabel} onFile={onFile}>
    {(open) => (
      <Button
        variant="outlined"
        size="small"
        startIcon={<UploadFileOutlinedIcon />}
        disabled={disabled}
        onClick={open}
      >
        {label}
      </Button>
    )}
  </FilePicker>
);
