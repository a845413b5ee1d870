import { DriverException } from '@mikro-orm/core';

/** The fields of a PostgreSQL error that name what failed without quoting any value. */
const NAMING_FIELDS = ['table', 'column', 'constraint', 'routine'] as const;

/**
 * What to log of an unexpected error. A database error's message holds the failed statement
 * with its values inlined (the ORM sends them inline) and its detail quotes row values, so a
 * search term, an email or a token would reach the logs: log its kind, SQLSTATE, the objects
 * it names and where it was thrown instead.
 */
export function loggableError(exception: unknown): unknown {
  if (!(exception instanceof DriverException)) return exception;
  const fields = exception as unknown as Partial<Record<(typeof NAMING_FIELDS)[number], string>>;
  const names = NAMING_FIELDS.filter((k) => fields[k]).map((k) => `${k} ${fields[k]}`);
  const frames = (exception.stack ?? '').split('\n').filter((l) => l.trim().startsWith('at '));
  const summary = `${exception.name} (SQLSTATE ${exception.code ?? 'unknown'})`;
  return [names.length ? `${summary}: ${names.join(', ')}` : summary, ...frames].join('\n');
}
