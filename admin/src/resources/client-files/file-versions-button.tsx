import HistoryIcon from '@mui/icons-material/History';
import {
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  IconButton,
  Link,
  List,
  ListItem,
  ListItemText,
  Tooltip,
} from '@mui/material';
import { useId, useState } from 'react';
import { fileDownloadUrl } from '../../providers/data-provider';
import { formatSize } from '../../shared/format-size';
import type { ClientFile } from '../../types';
import { useFirmTime } from '../../shared/firm-time';
import { uploadedByText } from './file-upload-text';

/** Opens the file's versions, newest first, each downloadable. */
export const FileVersionsButton = ({ file }: { file: ClientFile }) => {
  const firmTime = useFirmTime();
  const [open, setOpen] = useState(false);
  const titleId = useId();
  const label = `Versions of ${file.name}`;
  return (
    <>
      <Tooltip title="Versions" describeChild>
        <IconButton aria-label={label} size="small" onClick={() => setOpen(true)}>
          <HistoryIcon fontSize="small" />
        </IconButton>
      </Tooltip>
      <Dialog
        open={open}
        onClose={() => setOpen(false)}
        aria-labelledby={titleId}
        fullWidth
        maxWidth="sm"
      >
        <DialogTitle id={titleId}>{label}</DialogTitle>
        <DialogContent>
          <List dense disablePadding>
            {file.versions.map((version) => (
              <ListItem key={version.version} disableGutters>
                <ListItemText
                  primary={
                    <Link href={fileDownloadUrl(file.id, version.version)} download>
                      {`Version ${version.version}`}
                    </Link>
                  }
                  secondary={`${formatSize(version.size)} · ${uploadedByText(version, firmTime)}`}
                />
              </ListItem>
            ))}
          </List>
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setOpen(false)}>Close</Button>
        </DialogActions>
      </Dialog>
    </>
  );
};
