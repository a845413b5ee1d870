import { z } from 'zod';

export const uploadFieldsSchema = z.strictObject({
  /** Given: the upload is the next version of this file of the client. */
  fileId: z.uuid({ message: 'must be a file id' }).optional(),
});
export type UploadFields = z.infer<typeof uploadFieldsSchema>;

export const sharesSchema = z.strictObject({
  contactIds: z.array(z.uuid({ message: 'must be contact ids' })).max(500),
});
export type SharesInput = z.infer<typeof sharesSchema>;

export const versionQuerySchema = z.strictObject({
  version: z.coerce.number().int().min(1).optional(),
});
