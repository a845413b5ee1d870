/**
 * The merge fields staff may write in campaign and playbook emails, with what each becomes.
 * Dependency-free: the console imports it too, for its help and its check before saving.
 */
export const MERGE_FIELD_HELP = {
  firstName: "The contact's first name (their email if none)",
  lastName: "The contact's last name",
  fullName: "The contact's first and last name",
  email: "The contact's email address",
  clientName: 'The client the contact is reached through',
  firmName: "Your firm's name (Settings)",
} as const;

export type MergeField = keyof typeof MERGE_FIELD_HELP;
export const MERGE_FIELDS = Object.keys(MERGE_FIELD_HELP) as MergeField[];
export type MergeValues = Record<MergeField, string>;

export const MERGE_FIELD_PATTERN = /\{\{\s*([A-Za-z]+)\s*\}\}/g;

/** Merge fields the texts use that do not exist (to name them in an error). */
export function unknownMergeFields(...texts: string[]): string[] {
  const known = new Set<string>(MERGE_FIELDS);
  const found = texts.flatMap((t) => [...t.matchAll(MERGE_FIELD_PATTERN)].map((m) => m[1]));
  return [...new Set(found.filter((f) => !known.has(f)))];
}
