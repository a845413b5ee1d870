import type { StaffUser } from './staff-user.entity';

/** What the API shows of a staff user: never the password hash. */
export interface StaffView {
  id: string;
  email: string;
  firstName: string;
  lastName: string;
  roles: string[];
  active: boolean;
  lastLoginAt: Date | null;
  createdAt: Date;
}

export const toStaffView = (u: StaffUser): StaffView => ({
  id: u.id,
  email: u.email,
  firstName: u.firstName,
  lastName: u.lastName,
  roles: u.roles,
  active: u.active,
  lastLoginAt: u.lastLoginAt ?? null,
  createdAt: u.createdAt,
});
