import { z } from 'zod';

/** The parts of Resend's delivery events we act on; other event types are acknowledged. */
export const resendEventSchema = z.object({
  type: z.string(),
  created_at: z.string().optional(),
  data: z
    .object({
      email_id: z.string().optional(),
      to: z.array(z.string()).optional(),
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
