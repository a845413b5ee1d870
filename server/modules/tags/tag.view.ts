import { z } from 'zod';
import { timestampField } from '../../common/http/view-fields';

export const tagViewSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  color: z.string(),
  clientCount: z.number().int(),
  createdAt: timestampField,
  updatedAt: timestampField,
});
export type TagView = z.infer<typeof tagViewSchema>;
