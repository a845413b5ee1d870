import { z } from 'zod';
import { optionalText } from '../../common/validation/schema-helpers';

const groupFields = {
  name: z.string({ message: 'is required' }).trim().min(1, 'is required').max(100),
  description: optionalText(500),
  memberIds: z
    .array(z.uuid({ message: 'must be member ids' }))
    .max(5000)
    .optional(),
};

export const createGroupSchema = z.strictObject(groupFields);
export type CreateGroupInput = z.infer<typeof createGroupSchema>;

/** Partial; the read-only fields the API returns are accepted and ignored. */
export const updateGroupSchema = z
  .strictObject({
    ...z.object(groupFields).partial().shape,
    id: z.unknown().optional(),
    memberCount: z.unknown().optional(),
    createdAt: z.unknown().optional(),
    updatedAt: z.unknown().optional(),
  })
  .transform(({ name, description, memberIds }) => ({ name, description, memberIds }));
export type UpdateGroupInput = z.infer<typeof updateGroupSchema>;

export const groupFilterSchema = z.strictObject({
  q: z.string().trim().max(100).optional(),
  id: z.array(z.uuid()).max(1000).optional(),
});
export type GroupFilter = z.infer<typeof groupFilterSchema>;

export const GROUP_SORTABLE = ['name', 'createdAt'] as const;
