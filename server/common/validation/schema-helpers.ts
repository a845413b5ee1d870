import { z } from 'zod';

/** Optional text: trimmed, empty means "no value". */
export const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `must be at most ${max} characters`)
    .nullish()
    .transform((v) => (v ? v : null));

/** Text without line breaks: an email subject, a list entry. */
export const isOneLine = (v: string) => !/[\r\n]/.test(v);
export const ONE_LINE_MESSAGE = 'must be a single line';

/** One line: it becomes an email subject or a list entry. */
export const oneLine = (max: number) =>
  z.string().trim().min(1, 'is required').max(max).refine(isOneLine, { message: ONE_LINE_MESSAGE });

/** A list filter value given once or as an array. */
export const oneOrMany = <T extends readonly [string, ...string[]]>(values: T) =>
  z.union([z.enum(values), z.array(z.enum(values))]).transform((v) => (Array.isArray(v) ? v : [v]));

/** A uuid given once or as an array (react-admin sends either). */
export const uuidOneOrMany = (max: number) =>
  z.union([z.uuid(), z.array(z.uuid()).max(max)]).transform((v) => (Array.isArray(v) ? v : [v]));

/** A sender address (invitations, campaigns); whether its domain is the firm's is checked later. */
export const senderEmail = () =>
  z
    .string({ message: 'is required' })
    .trim()
    .toLowerCase()
    .pipe(z.email({ message: 'is not a valid email address' }));
