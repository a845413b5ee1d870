import { z } from 'zod';

const code = z
  .string()
  .trim()
  .regex(/^\d{6}$/, 'must be the 6 digits your authenticator app shows');

/** Exactly one of two ways to prove it is you. */
const exactlyOne = (a: string, b: string) =>
  [
    (v: Record<string, unknown>) => (v[a] === undefined) !== (v[b] === undefined),
    { message: `give either ${a} or ${b}`, path: [a] as PropertyKey[] },
  ] as const;

export const codeSchema = z.strictObject({ code });
export type CodeInput = z.infer<typeof codeSchema>;

export const verifySchema = z
  .strictObject({
    code: code.optional(),
    recoveryCode: z.string().trim().min(1, 'is required').max(40).optional(),
  })
  .refine(...exactlyOne('code', 'recoveryCode'));
export type VerifyInput = z.infer<typeof verifySchema>;

export const removeFactorSchema = z
  .strictObject({
    code: code.optional(),
    password: z.string().min(1, 'is required').max(1024).optional(),
  })
  .refine(...exactlyOne('code', 'password'));
export type RemoveFactorInput = z.infer<typeof removeFactorSchema>;
