import OpenInNewIcon from '@mui/icons-material/OpenInNew';
import { Link } from '@mui/material';

/** A workflow in the Temporal Web UI, in a new tab. */
export const WorkflowLink = ({ href, label }: { href: string; label: string }) => (
  <Link
    href={href}
    target="_blank"
    rel="noopener noreferrer"
    variant="body2"
    sx={{ display: 'inline-flex', alignItems: 'center', gap: 0.5 }}
  >
    {label}
    <OpenInNewIcon fontSize="inherit" />
  </Link>
);
