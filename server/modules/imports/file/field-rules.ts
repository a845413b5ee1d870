import { CLIENT_FIELD_MAX_LENGTH } from '../../clients/client-field-limits';
import { IMPORT_COLUMNS, type ImportField } from '../import-columns';

/** The template header of each field ("Postal Code"), used in messages and instructions. */
export const FIELD_LABEL = Object.fromEntries(
  IMPORT_COLUMNS.map((column) => [column.field, column.header]),
) as Record<ImportField, string>;

export type TextField = Exclude<ImportField, 'tags' | 'isOffline'>;

/** The clients API limits, so an imported client is one the API accepts. */
export const FIELD_MAX_LENGTH: Record<TextField, number> = CLIENT_FIELD_MAX_LENGTH;

/** The tags API limits (tags.schemas.ts, clients.schemas.ts `tagIds`). */
export const TAG_MAX_LENGTH = 64;
export const MAX_TAGS_PER_CLIENT = 100;

/** Tags are separated by `;` or `,` in one cell, which is why tag names cannot contain them. */
export const TAG_SEPARATOR = /[;,]/;
