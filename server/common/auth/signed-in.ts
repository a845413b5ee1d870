import type { Request, Response } from 'express';
import type { AppConfig } from '../../config/env.schema';
import { z } from 'zod';
import {
  contactSessionViewSchema,
  toContactSessionView,
  type ContactSessionView,
} from '../../modules/contacts/contact-session.view';
import { StaffUser } from '../../modules/staff/staff-user.entity';
import { toStaffView } from '../../modules/staff/staff.service';
import { staffViewSchema, type StaffView } from '../../modules/staff/staff.view';
import type { Contact } from '../../modules/contacts/contact.entity';
import { AuditService, auditOrigin } from '../audit/audit.service';
import { SESSION_COOKIE, sessionCookieOptions } from './session-cookie';

/** Who signed in: the staff member, or the contact with their clients. */
export const signedInViewSchema = z.union([staffViewSchema, contactSessionViewSchema]);

/**
 * The end of every sign-in (password alone, or password and second factor): the session cookie,
 * the audit row, and who signed in. `how` names the second factor, if one was used.
 */
export async function completeSignIn(
  deps: { audit: AuditService; config: AppConfig },
  req: Request,
  res: Response,
  account: StaffUser | Contact,
  token: string,
  how?: string,
): Promise<StaffView | ContactSessionView> {
  const staff = account instanceof StaffUser;
  await deps.audit.record(
    {
      ...auditOrigin(req, account.email),
      actor: { kind: staff ? 'staff' : 'contact', id: account.id, email: account.email },
    },
    {
      action: 'auth.sign_in',
      summary: `${account.email} signed in${staff ? '' : ' to the portal'}${how ? ` with ${how}` : ''}`,
      targetType: staff ? 'staff' : 'contact',
      targetId: account.id,
    },
  );
  res.cookie(
    SESSION_COOKIE,
    token,
    sessionCookieOptions(deps.config.PUBLIC_URL, deps.config.SESSION_TTL_HOURS * 3600_000),
  );
  return staff ? toStaffView(account) : toContactSessionView(account);
}
