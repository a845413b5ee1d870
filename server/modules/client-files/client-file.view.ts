import { z } from 'zod';
import { timestampField } from '../../common/http/view-fields';

export const fileVersionViewSchema = z.object({
  version: z.number().int(),
  size: z.number().int(),
  contentType: z.string(),
  uploadedAt: timestampField,
  uploadedBy: z
    .object({ type: z.enum(['staff', 'contact']), id: z.uuid(), name: z.string() })
    .nullable(),
});
export type FileVersionView = z.infer<typeof fileVersionViewSchema>;

export const clientFileViewSchema = z.object({
  id: z.uuid(),
  clientId: z.uuid(),
  name: z.string(),
  version: z.number().int(),
  size: z.number().int(),
  contentType: z.string(),
  sharedWithContactIds: z.array(z.uuid()),
  createdAt: timestampField,
  updatedAt: timestampField,
  /** Newest first; a contact sees every version of a file shared with them, else their own. */
  versions: z.array(fileVersionViewSchema),
  /**
   * The file request the file was uploaded for: its subject and the item it answers (in the
   * portal, only a request the contact was sent).
   */
  request: z.object({ id: z.uuid(), subject: z.string(), itemTitle: z.string() }).nullable(),
});
export type ClientFileView = z.infer<typeof clientFileViewSchema>;
