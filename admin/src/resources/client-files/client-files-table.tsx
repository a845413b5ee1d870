import UploadFileOutlinedIcon from '@mui/icons-material/UploadFileOutlined';
import {
  IconButton,
  Link,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Tooltip,
} from '@mui/material';
import type { Identifier } from 'react-admin';
import { fileDownloadUrl } from '../../providers/data-provider';
import { formatSize } from '../../shared/format-size';
import type { ClientFile } from '../../types';
import { DeleteFileButton } from './delete-file-button';
import { FilePicker } from '../../shared/file-picker';
import { useFirmTime } from '../../shared/firm-time';
import { uploadedByText } from './file-upload-text';
import { FileVersionsButton } from './file-versions-button';
import { ShareFileButton } from './share-file-button';

interface ClientFilesTableProps {
  files: ClientFile[];
  /** Owners upload new versions, share and delete; others only read. */
  canEdit: boolean;
  uploading: boolean;
  onUpload: (file: File, fileId: Identifier) => void;
}

const sharedText = (count: number) =>
  count === 0 ? 'Not shared' : count === 1 ? '1 contact' : `${count} contacts`;

/** One row a file: its name downloads the latest version; versions and owners' actions at the end. */
export const ClientFilesTable = ({
  files,
  canEdit,
  uploading,
  onUpload,
}: ClientFilesTableProps) => {
  const firmTime = useFirmTime();
  return (
    <Table size="small" aria-label="Files">
      <TableHead sx={{ '& th': { whiteSpace: 'nowrap' } }}>
        <TableRow>
          <TableCell>Name</TableCell>
          <TableCell>Version</TableCell>
          <TableCell>Size</TableCell>
          <TableCell>Uploaded</TableCell>
          <TableCell>Shared with</TableCell>
          <TableCell aria-label="Actions" />
        </TableRow>
      </TableHead>
      <TableBody>
        {files.map((file) => (
          <TableRow key={file.id}>
            <TableCell sx={{ minWidth: 160, overflowWrap: 'anywhere' }}>
              <Link href={fileDownloadUrl(file.id)} download>
                {file.name}
              </Link>
            </TableCell>
            <TableCell>{`v${file.version}`}</TableCell>
            <TableCell sx={{ whiteSpace: 'nowrap' }}>{formatSize(file.size)}</TableCell>
            <TableCell>{file.versions[0] && uploadedByText(file.versions[0], firmTime)}</TableCell>
            <TableCell>{sharedText(file.sharedWithContactIds.length)}</TableCell>
            <TableCell align="right">
              <Stack direction="row" spacing={0.5} sx={{ justifyContent: 'flex-end' }}>
                <FileVersionsButton file={file} />
                {canEdit && (
                  <>
                    <FilePicker
                      inputLabel={`Choose a new version of ${file.name}`}
                      onFile={(chosen) => onUpload(chosen, file.id)}
                    >
                      {(open) => (
                        <Tooltip title="Upload new version" describeChild>
                          {/* A disabled button fires no events; the span still shows the tooltip. */}
                          <span>
                            <IconButton
                              aria-label={`Upload new version of ${file.name}`}
                              size="small"
                              disabled={uploading}
                              onClick={open}
                            >
                              <UploadFileOutlinedIcon fontSize="small" />
                            </IconButton>
                          </span>
                        </Tooltip>
                      )}
                    </FilePicker>
                    <ShareFileButton file={file} />
                    <DeleteFileButton file={file} />
                  </>
                )}
              </Stack>
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
};
