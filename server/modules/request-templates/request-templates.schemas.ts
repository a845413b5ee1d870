import { z } from 'zod';
import { oneLine, optionalText } from '../../common/validation/schema-helpers';

const itemSchema = z.strictObject({
  title: oneLine(200),
  description: optionalText(2000),
});

/** Days from the request's creation to its due date; none: no due date. */
export const dueInDaysSchema = z
  .number()
  .int('must be a whole number of days')
  .min(1, 'must be at least 1 day')
  .max(365, 'must be at most 365 days');

const fields = {
  name: z.string().trim().min(1, 'is required').max(100),
  // As in a file request: both become an email subject or a list entry.
  subject: oneLine(200),
  description: optionalText(5000),
  message: optionalText(5000),
  items: z.array(itemSchema).max(50),
  dueInDays: dueInDaysSchema.nullish().transform((v) => v ?? null),
};

export const createRequestTemplateSchema = z.strictObject({
  ...fields,
  items: fields.items.default([]),
});
export type CreateRequestTemplateInput = z.infer<typeof createRequestTemplateSchema>;

/** Partial; the read-only fields the API returns are accepted and ignored (react-admin sends whole records). */
export const updateRequestTemplateSchema = z
  .strictObject({
    ...z.object(fields).partial().shape,
    id: z.unknown().optional(),
    createdBy: z.unknown().optional(),
    usedBy: z.unknown().optional(),
    createdAt: z.unknown().optional(),
    updatedAt: z.unknown().optional(),
  })
  .transform(
    ({ id: _i, createdBy: _c, usedBy: _u, createdAt: _ca, updatedAt: _ua, ...rest }) => rest,
  );
export type UpdateRequestTemplateInput = z.infer<typeof updateRequestTemplateSchema>;

export const requestTemplateFilterSchema = z.strictObject({
  q: z.string().trim().max(200).optional(),
  id: z.array(z.uuid()).max(1000).optional(),
});
export type RequestTemplateFilter = z.infer<typeof requestTemplateFilterSchema>;

export const REQUEST_TEMPLATE_SORTABLE = ['name', 'createdAt', 'updatedAt'] as const;
export type RequestTemplateSortField = (typeof REQUEST_TEMPLATE_SORTABLE)[number];
