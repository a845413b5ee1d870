import { z } from 'zod';
import { optionalText } from '../../common/validation/schema-helpers';
import { clientFilterSchema } from '../clients/clients.schemas';

/** The clients list's filter, minus a list of ids (a segment is a rule, not a selection). */
export const segmentFilterSchema = clientFilterSchema.omit({ id: true });
export type SegmentFilter = z.infer<typeof segmentFilterSchema>;

export const createSegmentSchema = z.strictObject({
  name: z.string().trim().min(1, 'is required').max(100),
  description: optionalText(500),
  filter: segmentFilterSchema,
});
export type CreateSegmentInput = z.infer<typeof createSegmentSchema>;

/** react-admin sends the whole record back: read-only fields are accepted and ignored. */
export const updateSegmentSchema = createSegmentSchema.partial().extend({
  id: z.unknown().optional(),
  clientCount: z.unknown().optional(),
  createdAt: z.unknown().optional(),
  updatedAt: z.unknown().optional(),
});
export type UpdateSegmentInput = z.infer<typeof updateSegmentSchema>;

export const previewSchema = z.strictObject({ filter: segmentFilterSchema });

export const segmentListFilterSchema = z.strictObject({
  q: z.string().trim().max(200).optional(),
  id: z.array(z.uuid()).max(1000).optional(),
});
export type SegmentListFilter = z.infer<typeof segmentListFilterSchema>;

export const SEGMENT_SORTABLE = ['name', 'createdAt', 'updatedAt'] as const;
export type SegmentSortField = (typeof SEGMENT_SORTABLE)[number];
