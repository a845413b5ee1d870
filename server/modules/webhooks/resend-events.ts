import { z } from 'zod';

/** The parts of Resend's delivery events we act on; other event types are acknowledged. */
export const resendEventSchema = z.object({
  type: z.string(),
  created_at: z.string().optional(),
  data: z
    .object({
      email_id: z.string().optional(),
      to: z.array(z.string()).optional(),
      // Resend echoes the tags sent with the email, as a map (or a list of name/value pairs).
      tags: z
        .union([
          z.record(z.string(), z.string()),
          z.array(z.object({ name: z.string(), value: z.string() })),
        ])
        .optional(),
      bounce: z
        .object({
          type: z.string().optional(),
          subType: z.string().optional(),
          message: z.string().optional(),
        })
        .optional(),
    })
    .passthrough(),
});
export type ResendEvent = z.infer<typeof resendEventSchema>;

/** Resend (via Amazon SES) calls a hard bounce `Permanent`; the rest may clear up by itself. */
export const isHardBounce = (event: ResendEvent) => event.data.bounce?.type === 'Permanent';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Our email_message id, from the `message_id` tag the dispatcher puts on every email. */
export function messageIdTag(event: ResendEvent): string | undefined {
  const tags = event.data.tags;
  const value = Array.isArray(tags)
    ? tags.find((t) => t.name === 'message_id')?.value
    : tags?.message_id;
  return value && UUID.test(value) ? value : undefined;
}
