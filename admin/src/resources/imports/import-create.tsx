import PlayArrowIcon from '@mui/icons-material/PlayArrow';
import {
  Alert,
  AlertTitle,
  Box,
  Button,
  Card,
  CardContent,
  Checkbox,
  Divider,
  FormControlLabel,
  Stack,
  Typography,
} from '@mui/material';
import { type ReactNode, useState } from 'react';
import { Title, useRequireAccess } from 'react-admin';
import { UploadProgressBar } from '../../components/upload-progress-bar';
import { importDownloads } from '../../providers/data-provider';
import type { ImportMode } from '../../types';
import { DownloadButton } from '../../components/download-button';
import { FileDropZone } from './file-drop-zone';
import { ImportModeInput } from './import-mode-input';
import { useUploadImport } from './use-upload-import';

const Step = ({ title, children }: { title: string; children: ReactNode }) => (
  <Box component="section">
    <Typography variant="overline" color="text.secondary" component="h3" sx={{ mb: 1 }}>
      {title}
    </Typography>
    {children}
  </Box>
);

/** Upload page: not a react-admin form, since the file goes up as multipart, not as JSON. */
export const ImportCreate = () => {
  const { isPending: checkingAccess } = useRequireAccess({ resource: 'imports', action: 'create' });
  const [file, setFile] = useState<File | null>(null);
  const [mode, setMode] = useState<ImportMode>('upsert');
  const [dryRun, setDryRun] = useState(false);
  const { upload, progress, error, clearError } = useUploadImport();
  const uploading = progress !== null;
  if (checkingAccess) return null;

  return (
    <Card sx={{ maxWidth: 820, mt: 2 }}>
      <Title title="New import" />
      <CardContent>
        <Stack spacing={3} divider={<Divider flexItem />}>
          <Step title="1. Start from the template">
            <Typography variant="body2" color="text.secondary" sx={{ mb: 1.5 }}>
              One client per row. First and last name (or a company name) are required; tags go in
              column K, separated by semicolons; Is Offline takes Yes or No.
            </Typography>
            <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap' }}>
              <DownloadButton
                href={importDownloads.template('csv')}
                label="Download CSV template"
              />
              <DownloadButton
                href={importDownloads.template('xlsx')}
                label="Download Excel template"
              />
            </Stack>
          </Step>
          <Step title="2. Choose the file">
            <FileDropZone
              file={file}
              disabled={uploading}
              onChange={(chosen) => {
                setFile(chosen);
                clearError();
              }}
            />
          </Step>
          <Step title="3. Options">
            <Stack spacing={2}>
              <ImportModeInput value={mode} onChange={setMode} disabled={uploading} />
              <Box>
                <FormControlLabel
                  disabled={uploading}
                  control={
                    <Checkbox
                      checked={dryRun}
                      onChange={(event) => setDryRun(event.target.checked)}
                    />
                  }
                  label="Dry run (validate only, change nothing)"
                />
                <Typography variant="body2" color="text.secondary" sx={{ ml: 4 }}>
                  Every row is checked and reported as it would be imported; no client is created or
                  changed.
                </Typography>
              </Box>
            </Stack>
          </Step>
          <Stack spacing={2}>
            {error && (
              <Alert severity="error">
                <AlertTitle>The import could not start</AlertTitle>
                {error}
              </Alert>
            )}
            {uploading && (
              <UploadProgressBar progress={progress} finishing="Starting the import…" />
            )}
            <Box>
              <Button
                variant="contained"
                startIcon={<PlayArrowIcon />}
                disabled={!file || uploading}
                onClick={() => file && upload(file, mode, dryRun)}
              >
                Start import
              </Button>
            </Box>
          </Stack>
        </Stack>
      </CardContent>
    </Card>
  );
};
