import { UniqueConstraintViolationException } from '@mikro-orm/postgresql';

/**
 * A unique index refused the row. The ORM's flush converts the driver's error, raw
 * `execute` does not, so both shapes are recognised (SQLSTATE 23505).
 */
export const isUniqueViolation = (e: unknown): boolean =>
  e instanceof UniqueConstraintViolationException || (e as { code?: unknown })?.code === '23505';
