import { z } from 'zod';
import { timestampField } from '../../common/http/view-fields';

export const groupViewSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  description: z.string().nullable(),
  memberIds: z.array(z.uuid()),
  memberCount: z.number().int(),
  createdAt: timestampField,
  updatedAt: timestampField,
});
export type GroupView = z.infer<typeof groupViewSchema>;
