export const FIRM_ROLES = ['staff_admin', 'entities_admin', 'staff'] as const;
export type FirmRole = (typeof FIRM_ROLES)[number];
