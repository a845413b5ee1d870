import { z } from 'zod';
import { INVITATION_STATUSES } from './invitation.view';
import { newPasswordSchema } from '../../common/auth/password-policy';
import { parseInput } from '../../common/validation/parse-input';
import { oneOrMany, senderEmail } from '../../common/validation/schema-helpers';

const ids = (what: string) =>
  z
    .array(z.uuid({ message: `must be ${what} ids` }))
    .min(1, `select at least one ${what}`)
    .max(10_000);

/** Who to invite: exactly one of contactIds, clientIds (their primary contacts) or a list filter. */
export const inviteSchema = z
  .strictObject({
    contactIds: ids('contact').optional(),
    clientIds: ids('client').optional(),
    filter: z.record(z.string(), z.unknown()).optional(),
    resource: z.enum(['contacts', 'clients']).default('contacts'),
    senderEmail: senderEmail(),
    pending: z.enum(['skip', 'resend']).default('skip'),
  })
  .refine((b) => [b.contactIds, b.clientIds, b.filter].filter(Boolean).length === 1, {
    message: 'give exactly one of contactIds, clientIds or filter',
    path: ['contactIds'],
  });
export type InviteInput = z.infer<typeof inviteSchema>;

export const INVITATION_SORTABLE = ['createdAt', 'expiresAt'] as const;
export type InvitationSortField = (typeof INVITATION_SORTABLE)[number];

export const invitationFilterSchema = z.strictObject({
  contactId: z.uuid().optional(),
  status: oneOrMany(INVITATION_STATUSES).optional(),
  id: z.array(z.uuid()).max(1000).optional(),
});
export type InvitationFilter = z.infer<typeof invitationFilterSchema>;

export const acceptSchema = z.strictObject({
  token: z.string({ message: 'is required' }).min(1, 'is required').max(200),
  password: newPasswordSchema,
});
export type AcceptInput = z.infer<typeof acceptSchema>;

/** The ?token= of a link's preview, checked like the token of the body that uses it. */
export const tokenQuerySchema = acceptSchema.pick({ token: true });
export const parseTokenQuery = (token: unknown): string =>
  parseInput(tokenQuerySchema, { token }).token;
