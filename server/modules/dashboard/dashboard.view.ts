import { z } from 'zod';

/** Campaign statuses the home page counts as in progress (its link filters the list by them). */
export const CAMPAIGNS_IN_PROGRESS = ['scheduled', 'sending'];

const count = z.number().int();

/** Standard clients at each step of portal onboarding. */
export const onboardingFunnelSchema = z.object({
  clients: count,
  withEmail: count,
  invited: count,
  accepted: count,
  bounced: count,
  expired: count,
});
export type OnboardingFunnel = z.infer<typeof onboardingFunnelSchema>;

/** GET /api/dashboard: the console's home page. */
export const dashboardSchema = z.object({
  funnel: onboardingFunnelSchema,
  /** Clients with an invitation due a reminder before the day ends. */
  remindersDueToday: count,
  fileRequests: z.object({ open: count, overdue: count }),
  /** Null for staff who may not see imports (Entities Admin) or campaigns (Staff Admin). */
  importsInProgress: count.nullable(),
  campaignsInProgress: count.nullable(),
});
export type Dashboard = z.infer<typeof dashboardSchema>;
