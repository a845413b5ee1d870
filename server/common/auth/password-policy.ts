import { dictionary } from '@zxcvbn-ts/language-common';
import { invalidField } from '../validation/parse-input';

const MIN_LENGTH = 12;
let common: Set<string> | undefined;

/** zxcvbn's list of the ~50,000 most used passwords, loaded on first use. */
const commonPasswords = () =>
  (common ??= new Set((dictionary['passwords-common'] as string[]).map((p) => p.toLowerCase())));

/** Every new password, staff or contact: long enough, not a well-known one, not the login itself. */
export function assertAcceptablePassword(
  password: string,
  email: string,
  field = 'password',
): void {
  if ([...password].length < MIN_LENGTH) {
    invalidField(field, `Use at least ${MIN_LENGTH} characters.`);
  }
  const lower = password.toLowerCase();
  if (commonPasswords().has(lower) || /^(.)\1*$/.test(password)) {
    invalidField(field, 'This password is one of the most common ones; choose another.');
  }
  if (lower === email.toLowerCase() || lower === email.toLowerCase().split('@')[0]) {
    invalidField(field, 'Do not use your email address as your password.');
  }
}
