import { useCanAccess, useListContext } from 'react-admin';
import { auditExportUrl } from '../../providers/data-provider';
import { DownloadButton } from '../../components/download-button';

/**
 * Downloads what the list's filter matches, every page of it, straight from the API
 * (react-admin's exporter would fetch it all into the browser first).
 */
export const AuditExportButton = () => {
  const { filterValues } = useListContext();
  const { canAccess } = useCanAccess({ resource: 'audit-events', action: 'export' });
  if (!canAccess) return null;
  return (
    <DownloadButton
      href={auditExportUrl(filterValues)}
      label="Export CSV"
      variant="text"
      size="small"
    />
  );
};
