/**
 * The import template, in column order (A..L). Header matching is forgiving: case, spaces,
 * punctuation and the aliases below all match.
 */
export const IMPORT_COLUMNS = [
  { field: 'firstName', header: 'First Name', aliases: ['first', 'firstname', 'given name'] },
  {
    field: 'lastName',
    header: 'Last Name',
    aliases: ['last', 'lastname', 'surname', 'family name'],
  },
  { field: 'email', header: 'Email', aliases: ['email address', 'e-mail', 'e-mail address'] },
  { field: 'phone', header: 'Phone', aliases: ['phone number', 'telephone', 'mobile'] },
  {
    field: 'companyName',
    header: 'Company',
    aliases: ['company name', 'business', 'business name'],
  },
  { field: 'street', header: 'Street', aliases: ['address', 'street address', 'address line 1'] },
  { field: 'city', header: 'City', aliases: ['town'] },
  { field: 'state', header: 'State', aliases: ['province', 'region'] },
  { field: 'postalCode', header: 'Postal Code', aliases: ['zip', 'zip code', 'postcode'] },
  {
    field: 'taxClientId',
    header: 'Tax Client ID',
    aliases: ['tax id', 'taxid', 'tax client', 'client tax id'],
  },
  { field: 'tags', header: 'Tags', aliases: ['tag'] },
  { field: 'isOffline', header: 'Is Offline', aliases: ['offline'] },
] as const;

export type ImportField = (typeof IMPORT_COLUMNS)[number]['field'];
export const IMPORT_FIELDS = IMPORT_COLUMNS.map((c) => c.field) as [ImportField, ...ImportField[]];

export const IMPORT_MODES = ['upsert', 'create', 'update'] as const;
export type ImportMode = (typeof IMPORT_MODES)[number];

export const IMPORT_OUTCOMES = ['created', 'updated', 'unchanged', 'failed'] as const;
export type ImportOutcome = (typeof IMPORT_OUTCOMES)[number];
