import type { ImportField } from '../import-columns';
import { FIELD_MAX_LENGTH as MAX, MAX_TAGS_PER_CLIENT, TAG_MAX_LENGTH } from './field-rules';

export interface ColumnInstruction {
  required: string;
  help: string;
}

/** What the template's Instructions sheet says about each column. */
export const COLUMN_INSTRUCTIONS: Record<ImportField, ColumnInstruction> = {
  firstName: {
    required: 'Yes, or Company',
    help: `The client's first name, up to ${MAX.firstName} characters. An individual needs First Name and Last Name; a business may give Company instead.`,
  },
  lastName: {
    required: 'Yes, or Company',
    help: `The client's last name, up to ${MAX.lastName} characters.`,
  },
  email: {
    required: 'No',
    help: `The client's email address, up to ${MAX.email} characters. A client with an email also gets a portal contact who signs in with it.`,
  },
  phone: { required: 'No', help: `Phone number, up to ${MAX.phone} characters.` },
  companyName: {
    required: 'For a business',
    help: `The business name, up to ${MAX.companyName} characters. Enough on its own for a business, without First Name and Last Name.`,
  },
  street: { required: 'No', help: `Street address, up to ${MAX.street} characters.` },
  city: { required: 'No', help: `City or town, up to ${MAX.city} characters.` },
  state: { required: 'No', help: `State, province or region, up to ${MAX.state} characters.` },
  postalCode: {
    required: 'No',
    help: `ZIP or postal code, up to ${MAX.postalCode} characters. The column is formatted as text so leading zeros stay.`,
  },
  taxClientId: {
    required: 'When Is Offline is Yes',
    help: `The client's ID in your tax software, up to ${MAX.taxClientId} characters, unique among your standard clients. The column is formatted as text so leading zeros stay.`,
  },
  tags: {
    required: 'No',
    help: `Tags separated by ; or , (for example "VIP; 2024 Returns"), each up to ${TAG_MAX_LENGTH} characters, at most ${MAX_TAGS_PER_CLIENT} per client. Tags that do not exist yet are created; capitals do not matter.`,
  },
  isOffline: {
    required: 'No',
    help: 'Yes for an offline client: a profile kept from your tax software and matched by Tax Client ID, with no portal access. When the client later connects through the portal, the offline profile is marked Duplicate. No or empty for a standard (online) client.',
  },
};

/** General rules, shown above the column list. */
export const TEMPLATE_NOTES: readonly string[] = [
  'One client per row on the Clients sheet, with the column headers in row 1.',
  'Row 2 is an example (Jane Doe): replace it with your first client or delete it. Left in, it is never imported; it is reported as a failed row.',
  'Columns may be in any order; columns the import does not know are ignored.',
  'Rows that cannot be imported are listed with the reason in the exception report; fix them there and import that file again.',
  'Save as Excel Workbook (.xlsx) or CSV UTF-8.',
];
