import { z } from 'zod';
import { timestampField } from '../../common/http/view-fields';
import { clientViewSchema } from '../clients/client.view';
import { contactClientLinkSchema, contactIdentitySchema } from '../contacts/contact.view';
import { firmPageSchema } from '../settings/settings.view';

/** GET /api/portal/me, and the answer to a portal sign-in or an accepted invitation. */
export const portalMeSchema = contactIdentitySchema.extend({
  ...firmPageSchema.shape,
  clients: z.array(contactClientLinkSchema.omit({ isPrimary: true })),
});
export type PortalMe = z.infer<typeof portalMeSchema>;

/** The summary of a client its contacts see in the portal, with their role on it. */
export const portalClientSchema = clientViewSchema
  .pick({
    id: true,
    displayName: true,
    type: true,
    email: true,
    phone: true,
    street: true,
    city: true,
    state: true,
    postalCode: true,
  })
  .extend({
    role: contactClientLinkSchema.shape.role,
    /** Collaborators add their own files and activities; access contacts only see. */
    canContribute: z.boolean(),
  });
export type PortalClient = z.infer<typeof portalClientSchema>;

/** GET /api/portal/invitations/preview: what the acceptance page may show before sign-up. */
export const invitationPreviewSchema = firmPageSchema.extend({
  email: z.string(),
  firstName: z.string().nullable(),
  lastName: z.string().nullable(),
  expiresAt: timestampField,
});
export type InvitationPreview = z.infer<typeof invitationPreviewSchema>;
