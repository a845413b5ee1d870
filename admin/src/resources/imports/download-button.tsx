import FileDownloadOutlinedIcon from '@mui/icons-material/FileDownloadOutlined';
import { Button } from '@mui/material';

/** A link styled as a button: the browser downloads the file with the session cookie. */
export const DownloadButton = ({ href, label }: { href: string; label: string }) => (
  <Button href={href} download variant="outlined" startIcon={<FileDownloadOutlinedIcon />}>
    {label}
  </Button>
);
