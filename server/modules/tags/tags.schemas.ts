import { z } from 'zod';
import { TAG_PALETTE } from './tag-palette';

const HEX = /^#[0-9a-f]{6}$/i;
// Own keys only: `in` would also take `constructor` or `__proto__` from Object.prototype.
const isPaletteName = (c: string): c is keyof typeof TAG_PALETTE => Object.hasOwn(TAG_PALETTE, c);

export const tagColorSchema = z
  .string()
  .trim()
  .toLowerCase()
  .refine((c) => HEX.test(c) || isPaletteName(c), {
    message: `must be #rrggbb or one of ${Object.keys(TAG_PALETTE).join(', ')}`,
  })
  .transform((c) => (isPaletteName(c) ? TAG_PALETTE[c] : c));

const tagName = z
  .string()
  .trim()
  .min(1, 'is required')
  .max(64, 'must be at most 64 characters')
  .refine((n) => !/[;,]/.test(n), {
    message: 'must not contain ; or , (they separate tags in imports)',
  });

/** Without a colour, the tag gets the palette colour fewest tags wear. */
export const createTagSchema = z.strictObject({ name: tagName, color: tagColorSchema.optional() });
export type CreateTagInput = z.infer<typeof createTagSchema>;

/** react-admin sends the whole record back: read-only fields are accepted and ignored. */
export const updateTagSchema = z
  .strictObject({
    name: tagName.optional(),
    color: tagColorSchema.optional(),
    id: z.unknown().optional(),
    clientCount: z.unknown().optional(),
    createdAt: z.unknown().optional(),
    updatedAt: z.unknown().optional(),
  })
  .transform(({ name, color }) => ({ name, color }));
export type UpdateTagInput = z.infer<typeof updateTagSchema>;

export const TAG_SORTABLE = ['name', 'createdAt', 'clientCount'] as const;
export type TagSortField = (typeof TAG_SORTABLE)[number];

export const tagFilterSchema = z.strictObject({
  q: z.string().trim().max(200).optional(),
  id: z.array(z.uuid()).max(1000).optional(),
});
export type TagFilter = z.infer<typeof tagFilterSchema>;
