import type { ReactNode } from 'react';
import { Link, useSearchParams } from 'react-router-dom';

/** Links for staff carry ?staff=1: their way back in is the console's sign-in, not the portal's. */
export const useStaffLink = (): boolean => useSearchParams()[0].get('staff') === '1';

export const forgotPasswordPath = (staff: boolean) =>
  `/portal/forgot-password${staff ? '?staff=1' : ''}`;

interface SignInLinkProps {
  staff: boolean;
  className?: string;
  children: ReactNode;
}

/** To the staff console's sign-in (another app: a full page load), or the portal's. */
export const SignInLink = ({ staff, className, children }: SignInLinkProps) =>
  staff ? (
    <a href="/admin/" className={className}>
      {children}
    </a>
  ) : (
    <Link to="/portal/login" className={className}>
      {children}
    </Link>
  );
