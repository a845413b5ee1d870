import { z } from 'zod';
import type { ImportField } from '../import-columns';
import {
  FIELD_LABEL,
  FIELD_MAX_LENGTH,
  MAX_TAGS_PER_CLIENT,
  TAG_MAX_LENGTH,
  TAG_SEPARATOR,
  type TextField,
} from './field-rules';
import { restoreCell } from '@server/common/csv/formula-guard';
import { isTemplateExample, TEMPLATE_EXAMPLE_COMMENT } from './template-example';

/** One valid import row: trimmed, empty as null, email lower-cased, tags split and de-duplicated. */
export interface NormalizedImportRow extends Record<TextField, string | null> {
  tags: string[];
  isOffline: boolean;
}

export type ImportRowValidation =
  { ok: true; row: NormalizedImportRow } | { ok: false; comment: string };

const TEXT_FIELDS = Object.keys(FIELD_MAX_LENGTH) as TextField[];
const YES = new Set(['yes', 'y', 'true', '1']);
const NO = new Set(['no', 'n', 'false', '0', '']);
/** The clients API's email rule, so the import accepts exactly what the client form accepts. */
const EMAIL = z.email();
/** Long values are cut in comments: the exception report shows the whole cell anyway. */
const SHOWN_CHARS = 20;

/**
 * Checks one row against the clients API rules. A failed row gets one sentence per problem,
 * each saying what to fix, for the exception report.
 */
export function validateImportRow(
  values: Partial<Record<ImportField, string>>,
): ImportRowValidation {
  const problems: string[] = [];
  const text = {} as Record<TextField, string | null>;
  for (const field of TEXT_FIELDS) {
    const value = clean(values[field]);
    text[field] = value;
    if (value && value.length > FIELD_MAX_LENGTH[field]) {
      problems.push(`${FIELD_LABEL[field]} is longer than ${FIELD_MAX_LENGTH[field]} characters.`);
    } else if (field === 'email' && value && !EMAIL.safeParse(value).success) {
      problems.push(`Email "${value}" is not a valid email address.`);
    }
  }
  // Left in by mistake, it would become a real client: it fails, whatever else it holds.
  if (isTemplateExample(text)) return { ok: false, comment: TEMPLATE_EXAMPLE_COMMENT };
  if (!((text.firstName && text.lastName) || text.companyName)) {
    problems.unshift('First Name and Last Name are required (or Company for a business).');
  }

  const tags = splitTags(clean(values.tags));
  for (const tag of tags.filter((t) => t.length > TAG_MAX_LENGTH)) {
    problems.push(`Tag "${shown(tag)}" is longer than ${TAG_MAX_LENGTH} characters.`);
  }
  if (tags.length > MAX_TAGS_PER_CLIENT) {
    problems.push(
      `Tags lists ${tags.length} tags; a client can have at most ${MAX_TAGS_PER_CLIENT}.`,
    );
  }

  const offline = clean(values.isOffline) ?? '';
  const isOffline = YES.has(offline.toLowerCase());
  if (!isOffline && !NO.has(offline.toLowerCase())) {
    problems.push(`Is Offline must be Yes or No, not "${shown(offline)}".`);
  }
  if (isOffline && !text.taxClientId) {
    // Offline clients are matched by Tax Client ID; without one the row cannot be placed.
    problems.push('Tax Client ID is required when Is Offline is Yes.');
  }

  if (problems.length) return { ok: false, comment: problems.join(' ') };
  return { ok: true, row: { ...text, email: text.email?.toLowerCase() ?? null, tags, isOffline } };
}

function clean(value: string | undefined): string | null {
  return restoreCell(value?.trim() ?? '').trim() || null;
}

/** Splits "VIP; 2024, vip" into ["VIP", "2024"]: trimmed, empty dropped, first spelling kept. */
function splitTags(cell: string | null): string[] {
  const seen = new Set<string>();
  const tags: string[] = [];
  for (const part of cell?.split(TAG_SEPARATOR) ?? []) {
    const name = part.trim();
    const key = name.toLowerCase();
    if (!name || seen.has(key)) continue;
    seen.add(key);
    tags.push(name);
  }
  return tags;
}

function shown(value: string): string {
  return value.length > SHOWN_CHARS ? `${value.slice(0, SHOWN_CHARS)}…` : value;
}
