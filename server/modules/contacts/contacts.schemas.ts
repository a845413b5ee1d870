import { z } from 'zod';
import { oneOrMany, optionalText, uuidOneOrMany } from '../../common/validation/schema-helpers';
import { CLIENT_FIELD_MAX_LENGTH as MAX } from '../clients/client-field-limits';
import { PORTAL_STATUSES } from '../clients/client.enums';

const email = z
  .string({ message: 'is required' })
  .trim()
  .min(1, 'is required')
  .max(MAX.email, `must be at most ${MAX.email} characters`)
  .pipe(z.email({ message: 'is not a valid email address' }))
  .transform((v) => v.toLowerCase());

const contactFields = {
  email,
  firstName: optionalText(MAX.firstName),
  lastName: optionalText(MAX.lastName),
  phone: optionalText(MAX.phone),
  clientIds: z
    .array(z.uuid({ message: 'must be client ids' }))
    .max(500)
    .optional(),
};

export const createContactSchema = z.strictObject(contactFields);
export type CreateContactInput = z.infer<typeof createContactSchema>;

const READ_ONLY = [
  'id',
  'displayName',
  'portalStatus',
  'clients',
  'invitation',
  'createdAt',
  'updatedAt',
];

/** Partial; the read-only fields the API returns are accepted and ignored (react-admin sends whole records). */
export const updateContactSchema = z
  .strictObject({
    ...z.object(contactFields).partial().shape,
    ...Object.fromEntries(READ_ONLY.map((k) => [k, z.unknown().optional()])),
  })
  .transform((body) => {
    const { email, firstName, lastName, phone, clientIds } = body;
    return { email, firstName, lastName, phone, clientIds };
  });
export type UpdateContactInput = z.infer<typeof updateContactSchema>;

export const contactFilterSchema = z.strictObject({
  q: z.string().trim().max(200).optional(),
  id: z.array(z.uuid()).max(1000).optional(),
  portalStatus: oneOrMany(PORTAL_STATUSES).optional(),
  clientId: z.uuid({ message: 'must be a client id' }).optional(),
  tagIds: uuidOneOrMany(50).optional(),
});
export type ContactFilter = z.infer<typeof contactFilterSchema>;

export const CONTACT_SORTABLE = [
  'displayName',
  'email',
  'lastName',
  'firstName',
  'portalStatus',
  'createdAt',
  'updatedAt',
] as const;
export type ContactSortField = (typeof CONTACT_SORTABLE)[number];
