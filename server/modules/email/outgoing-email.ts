export const EMAIL_KINDS = [
  'invitation',
  'reminder',
  'file_request',
  'file_request_reminder',
  'file_request_digest',
  'campaign',
  'playbook',
  'password_reset',
  'staff_invitation',
  'security_notice',
] as const;
export type EmailKind = (typeof EMAIL_KINDS)[number];
export type EmailDelivery = 'resend' | 'outbox';

export interface EmailLink {
  label: string;
  url: string;
}

export interface OutgoingEmail {
  id: string;
  kind: EmailKind;
  /** One email per key, ever: a retried activity finds its email already there. */
  idempotencyKey: string;
  to: string;
  from: string;
  subject: string;
  html: string;
  text: string;
  links: EmailLink[];
  contactId: string | null;
  invitationId: string | null;
  fileRequestId?: string | null;
  campaignId?: string | null;
  /** Extra headers (List-Unsubscribe); dropped from storage once sent, like the links. */
  headers?: Record<string, string> | null;
  /** Sent after every transactional email queued (a campaign, a bulk invite). */
  bulk?: boolean;
}

/** `"Firm" <sender@firm.com>`, with nothing in the firm name that could break the header. */
export const fromHeader = (firmName: string, sender: string) =>
  `"${firmName.replace(/["<>\\\r\n]/g, '').trim()}" <${sender}>`;

/** The From of the firm's account emails: its default sender, else no-reply at this server. */
export const accountEmailFrom = (
  settings: { firmName: string; defaultSender: string | null },
  publicUrl: string,
) =>
  fromHeader(
    settings.firmName,
    settings.defaultSender ?? `no-reply@${new URL(publicUrl).hostname}`,
  );
