/** Longest accepted value of each client text field, shared by the API and the import. */
export const CLIENT_FIELD_MAX_LENGTH = {
  firstName: 100,
  lastName: 100,
  email: 254,
  phone: 40,
  companyName: 200,
  street: 200,
  city: 100,
  state: 100,
  postalCode: 20,
  taxClientId: 50,
} as const;
