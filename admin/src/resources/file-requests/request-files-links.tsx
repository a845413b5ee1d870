import { Link, Stack, Typography } from '@mui/material';
import { fileDownloadUrl } from '../../providers/data-provider';
import type { FileRequestFileRef } from '../../types';

/** A file of the request, downloaded in the version it refers to; the link's name is the file's. */
export const FileRefLink = ({ file }: { file: FileRequestFileRef }) => (
  <Stack direction="row" spacing={0.75} component="span" sx={{ alignItems: 'baseline' }}>
    <Link href={fileDownloadUrl(file.id, file.version)} download sx={{ overflowWrap: 'anywhere' }}>
      {file.name}
    </Link>
    <Typography component="span" variant="caption" color="text.secondary">
      v{file.version}
    </Typography>
  </Stack>
);

/** What staff sent along with the request (shared with its recipients). */
export const AttachmentLinks = ({ files }: { files: FileRequestFileRef[] }) =>
  files.length === 0 ? (
    <Typography variant="body2" color="text.secondary">
      No attachments
    </Typography>
  ) : (
    <Stack component="ul" spacing={0.5} sx={{ m: 0, pl: 2.5 }} aria-label="Attachments">
      {files.map((file) => (
        <li key={file.id}>
          <FileRefLink file={file} />
        </li>
      ))}
    </Stack>
  );
