import { z } from 'zod';
import { namedRefSchema, timestampField } from '../../common/http/view-fields';

export const requestTemplateItemSchema = z.object({
  title: z.string(),
  description: z.string().nullable(),
});
export type RequestTemplateItem = z.infer<typeof requestTemplateItemSchema>;

/** A reusable file request: what to ask for, and when it is due. */
export const requestTemplateViewSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  subject: z.string(),
  description: z.string().nullable(),
  message: z.string().nullable(),
  items: z.array(requestTemplateItemSchema),
  dueInDays: z.number().int().nullable(),
  createdBy: namedRefSchema.nullable(),
  /** Playbooks with a step that uses it (it cannot be deleted while there are any). */
  usedBy: z.array(namedRefSchema),
  createdAt: timestampField,
  updatedAt: timestampField,
});
export type RequestTemplateView = z.infer<typeof requestTemplateViewSchema>;
