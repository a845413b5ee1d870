/** Named colours offered by the console; the API also takes any `#rrggbb`. */
export const TAG_PALETTE = {
  red: '#e53935',
  orange: '#fb8c00',
  amber: '#ffb300',
  green: '#43a047',
  teal: '#00897b',
  cyan: '#00acc1',
  blue: '#1e88e5',
  indigo: '#3949ab',
  purple: '#8e24aa',
  pink: '#d81b60',
  brown: '#6d4c41',
  grey: '#757575',
} as const;
