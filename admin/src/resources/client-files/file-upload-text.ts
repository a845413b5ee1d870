import type { ClientFileVersion } from '../../types';

/** Who uploaded a version and when: "Jane Doe (portal), Mar 4, 2026, 2:05 PM EST". */
export const uploadedByText = (
  { uploadedBy, uploadedAt }: ClientFileVersion,
  firmTime: (at: string) => string,
) => {
  const who = uploadedBy
    ? `${uploadedBy.name}${uploadedBy.type === 'contact' ? ' (portal)' : ''}`
    : 'Someone no longer here';
  return `${who}, ${firmTime(uploadedAt)}`;
};
