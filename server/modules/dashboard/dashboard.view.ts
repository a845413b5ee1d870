/** Campaign statuses the home page counts as in progress (its link filters the list by them). */
export const CAMPAIGNS_IN_PROGRESS = ['scheduled', 'sending'];

/** Standard clients at each step of portal onboarding. */
export interface OnboardingFunnel {
  clients: number;
  withEmail: number;
  invited: number;
  accepted: number;
  bounced: number;
  expired: number;
}

/** GET /api/dashboard: the console's home page. */
export interface Dashboard {
  funnel: OnboardingFunnel;
  /** Clients with an invitation due a reminder before the day ends. */
  remindersDueToday: number;
  fileRequests: { open: number; overdue: number };
  /** Null for staff who may not see imports (Entities Admin) or campaigns (Staff Admin). */
  importsInProgress: number | null;
  campaignsInProgress: number | null;
}
