import { z } from 'zod';
import { timestampField } from '../../common/http/view-fields';
import { segmentFilterSchema } from './segments.schemas';

export const segmentViewSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  description: z.string().nullable(),
  filter: segmentFilterSchema,
  /** Live: the clients matching now. */
  clientCount: z.number().int(),
  createdAt: timestampField,
  updatedAt: timestampField,
});
export type SegmentView = z.infer<typeof segmentViewSchema>;

export const segmentPreviewSchema = z.object({
  clientCount: z.number().int(),
  /** Contacts of those clients a campaign would email (an address, not unsubscribed or suppressed). */
  reachableContacts: z.number().int(),
  sample: z.array(
    z.object({ id: z.uuid(), displayName: z.string(), email: z.string().nullable() }),
  ),
});
export type SegmentPreview = z.infer<typeof segmentPreviewSchema>;
