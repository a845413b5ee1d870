/**
 * The driver hands raw-SQL timestamps over as PostgreSQL text ("2026-11-21 08:00:00.123+00",
 * MikroORM's setting); the API speaks ISO 8601, which every browser parses.
 */
export function isoDate(value: Date | string): string;
export function isoDate(value: Date | string | null): string | null;
export function isoDate(value: Date | string | null): string | null {
  return value === null ? null : new Date(value).toISOString();
}
