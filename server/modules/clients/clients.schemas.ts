import { z } from 'zod';
import { oneOrMany, optionalText, uuidOneOrMany } from '../../common/validation/schema-helpers';
import { CLIENT_FIELD_MAX_LENGTH as MAX } from './client-field-limits';
import { CLIENT_TYPES, CONNECTION_STATUSES, PORTAL_STATUSES } from './client.enums';

const text = optionalText;

const clientFields = {
  firstName: text(MAX.firstName),
  lastName: text(MAX.lastName),
  companyName: text(MAX.companyName),
  email: text(MAX.email)
    .pipe(z.email({ message: 'is not a valid email address' }).nullable())
    .transform((v) => v?.toLowerCase() ?? null),
  phone: text(MAX.phone),
  street: text(MAX.street),
  city: text(MAX.city),
  state: text(MAX.state),
  postalCode: text(MAX.postalCode),
  taxClientId: text(MAX.taxClientId),
  tagIds: z
    .array(z.uuid({ message: 'must be tag ids' }))
    .max(100)
    .optional(),
};

const hasName = (c: {
  firstName?: string | null;
  lastName?: string | null;
  companyName?: string | null;
}) => Boolean((c.firstName && c.lastName) || c.companyName);

const NAME_RULE_MESSAGE = 'First and Last Name are required (or a Company name for a business)';

export const createClientSchema = z
  .strictObject({ type: z.enum(CLIENT_TYPES).default('standard'), ...clientFields })
  .refine(hasName, { message: NAME_RULE_MESSAGE, path: ['firstName'] });
export type CreateClientInput = z.infer<typeof createClientSchema>;

/** Partial; the read-only fields the API returns are accepted and ignored (react-admin sends whole records). */
export const updateClientSchema = z
  .strictObject({
    ...z.object(clientFields).partial().shape,
    type: z.enum(CLIENT_TYPES).optional(),
    id: z.unknown().optional(),
    displayName: z.unknown().optional(),
    connectionStatus: z.unknown().optional(),
    portalStatus: z.unknown().optional(),
    tags: z.unknown().optional(),
    primaryContact: z.unknown().optional(),
    myRole: z.unknown().optional(),
    createdAt: z.unknown().optional(),
    updatedAt: z.unknown().optional(),
  })
  .transform(
    ({
      id: _i,
      displayName: _d,
      connectionStatus: _c,
      portalStatus: _p,
      tags: _t,
      primaryContact: _pc,
      myRole: _mr,
      createdAt: _ca,
      updatedAt: _u,
      ...rest
    }) => rest,
  );
export type UpdateClientInput = z.infer<typeof updateClientSchema>;

export const clientNameRule = { check: hasName, message: NAME_RULE_MESSAGE };

export const clientFilterSchema = z.strictObject({
  q: z.string().trim().max(200).optional(),
  id: z.array(z.uuid()).max(1000).optional(),
  tagIds: uuidOneOrMany(50).optional(),
  tagMode: z.enum(['any', 'all']).default('any'),
  /** Clients carrying none of these tags. */
  excludeTagIds: uuidOneOrMany(50).optional(),
  type: oneOrMany(CLIENT_TYPES).optional(),
  portalStatus: oneOrMany(PORTAL_STATUSES).optional(),
  connectionStatus: oneOrMany(CONNECTION_STATUSES).optional(),
  hasEmail: z.boolean().optional(),
  /** Clients with a contact whose pending invitation is due a reminder before the day ends. */
  reminderDueToday: z.boolean().optional(),
});
export type ClientFilter = z.infer<typeof clientFilterSchema>;

export const CLIENT_SORTABLE = [
  'displayName',
  'lastName',
  'firstName',
  'companyName',
  'email',
  'taxClientId',
  'createdAt',
  'updatedAt',
  'type',
  'connectionStatus',
  'portalStatus',
] as const;
export type ClientSortField = (typeof CLIENT_SORTABLE)[number];

export const bulkTagsSchema = z
  .strictObject({
    ids: z.array(z.uuid()).min(1, 'select at least one client').max(10_000),
    add: z.array(z.uuid()).max(100).default([]),
    remove: z.array(z.uuid()).max(100).default([]),
  })
  .refine((b) => b.add.length + b.remove.length > 0, {
    message: 'give tags to add or remove',
    path: ['add'],
  })
  .refine((b) => !b.add.some((id) => b.remove.includes(id)), {
    message: 'a tag cannot be both added and removed',
    path: ['remove'],
  });
export type BulkTagsInput = z.infer<typeof bulkTagsSchema>;
