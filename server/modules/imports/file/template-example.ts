import type { ImportField } from '../import-columns';

/** The example row under the template's headers, showing how each column is filled in. */
export const TEMPLATE_EXAMPLE: Record<ImportField, string> = {
  firstName: 'Jane',
  lastName: 'Doe',
  email: 'jane.doe@example.com',
  phone: '(555) 010-0199',
  companyName: '',
  street: '12 Main Street',
  city: 'Springfield',
  state: 'IL',
  postalCode: '02134',
  taxClientId: '012345678',
  tags: 'VIP; 2024 Returns',
  isOffline: 'No',
};

export const TEMPLATE_EXAMPLE_COMMENT = `This is the template's example row (${TEMPLATE_EXAMPLE.firstName} ${TEMPLATE_EXAMPLE.lastName}, ${TEMPLATE_EXAMPLE.email}), not one of your clients, so it is never imported. Delete it from the file.`;

/**
 * The example client is known by its name and email, which spreadsheets leave as they are
 * (they may drop the Tax Client ID's leading zero): a firm that edits its city or tags has
 * still not made it a real client.
 */
export function isTemplateExample(
  text: Partial<Record<'firstName' | 'lastName' | 'email', string | null>>,
): boolean {
  return (['firstName', 'lastName', 'email'] as const).every(
    (field) => text[field]?.toLowerCase() === TEMPLATE_EXAMPLE[field].toLowerCase(),
  );
}
