import FileDownloadOutlinedIcon from '@mui/icons-material/FileDownloadOutlined';
import { Button, type ButtonProps } from '@mui/material';

type DownloadButtonProps = { href: string; label: string } & Pick<ButtonProps, 'size' | 'variant'>;

/** A link styled as a button: the browser downloads the file with the session cookie. */
export const DownloadButton = ({ href, label, ...props }: DownloadButtonProps) => (
  <Button
    href={href}
    download
    variant="outlined"
    startIcon={<FileDownloadOutlinedIcon />}
    {...props}
  >
    {label}
  </Button>
);
