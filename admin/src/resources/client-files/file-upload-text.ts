import type { ClientFileVersion } from '../../types';

/** Who uploaded a version and when: "Jane Doe (portal), 3/4/2026, 2:05:00 PM". */
export const uploadedByText = ({ uploadedBy, uploadedAt }: ClientFileVersion) => {
  const who = uploadedBy
    ? `${uploadedBy.name}${uploadedBy.type === 'contact' ? ' (portal)' : ''}`
    : 'Someone no longer here';
  return `${who}, ${new Date(uploadedAt).toLocaleString()}`;
};
