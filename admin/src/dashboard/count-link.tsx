import { Link } from '@mui/material';
import { Link as RouterLink } from 'react-router-dom';

/** The list a dashboard number stands for, with react-admin's `filter` search parameter. */
export const listPath = (resource: string, filter: object = {}) =>
  `/${resource}?filter=${encodeURIComponent(JSON.stringify(filter))}`;

/** A number that opens the filtered list it counts; its accessible name says what it counts. */
export const CountLink = ({
  label,
  value,
  to,
  variant = 'body1',
}: {
  label: string;
  value: number;
  to: string;
  variant?: 'body1' | 'h4';
}) => (
  <Link
    component={RouterLink}
    to={to}
    variant={variant}
    aria-label={`${label}: ${value.toLocaleString()}`}
    sx={{ fontWeight: 600, fontVariantNumeric: 'tabular-nums' }}
  >
    {value.toLocaleString()}
  </Link>
);
