import { z } from 'zod';
import { MERGE_FIELDS, unknownMergeFields } from './markdown-email.renderer';

/** Text with merge fields: only known ones, so a typo is a 400 rather than `{{frstName}}` sent. */
export const mergeText = (max: number) =>
  z
    .string()
    .trim()
    .min(1, 'is required')
    .max(max, `must be at most ${max} characters`)
    .superRefine((text, ctx) => {
      const unknown = unknownMergeFields(text);
      if (!unknown.length) return;
      const names = unknown.map((f) => `{{${f}}}`).join(', ');
      ctx.addIssue({
        code: 'custom',
        message: `unknown merge field${unknown.length > 1 ? 's' : ''} ${names}; use ${MERGE_FIELDS.join(', ')}`,
      });
    });
