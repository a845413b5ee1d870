import { dictionary } from '@zxcvbn-ts/language-common';
import { z } from 'zod';
import { invalidField } from '../validation/parse-input';
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from './password-rule';

let common: Set<string> | undefined;

/** zxcvbn's list of the ~50,000 most used passwords, loaded on first use. */
const commonPasswords = () =>
  (common ??= new Set((dictionary['passwords-common'] as string[]).map((p) => p.toLowerCase())));

const isCommon = (password: string) =>
  commonPasswords().has(password.toLowerCase()) || /^(.)\1*$/.test(password);

/**
 * Every new password, staff or contact, whichever route sets it: long enough (in characters,
 * not UTF-16 units) and not a well-known one. The one refinement every body schema uses.
 */
export const newPasswordSchema = z
  .string({ message: 'is required' })
  .max(MAX_PASSWORD_LENGTH, `must be at most ${MAX_PASSWORD_LENGTH} characters`)
  .superRefine((password, ctx) => {
    if ([...password].length < MIN_PASSWORD_LENGTH) {
      ctx.addIssue({
        code: 'custom',
        message: `must be at least ${MIN_PASSWORD_LENGTH} characters`,
      });
    } else if (isCommon(password)) {
      ctx.addIssue({
        code: 'custom',
        message: 'This password is one of the most common ones; choose another.',
      });
    }
  });

/** The part of the policy that needs the account: the password is not its login. */
export function assertPasswordIsNotLogin(
  password: string,
  email: string,
  field = 'password',
): void {
  const lower = password.toLowerCase();
  const login = email.toLowerCase();
  if (lower === login || lower === login.split('@')[0]) {
    invalidField(field, 'Do not use your email address as your password.');
  }
}
