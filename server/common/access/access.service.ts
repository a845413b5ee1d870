import { Injectable } from '@nestjs/common';
import { AuthErrorCode, AuthException } from '../auth/auth.exception';
import type { Principal } from '../auth/principal';
import type { FirmRole } from './firm-role';

const ROLE_LABEL: Record<FirmRole, string> = {
  staff_admin: 'Staff Admin',
  entities_admin: 'Entities Admin',
  staff: 'Staff',
};

/** The one place that decides permissions. Per-client grants join it with the sharing feature. */
@Injectable()
export class AccessService {
  hasFirmRole(principal: Principal, role: FirmRole): boolean {
    if (principal.kind !== 'staff') return false;
    return role === 'staff' || principal.roles.includes(role);
  }

  assertFirmRole(principal: Principal, role: FirmRole): void {
    if (!this.hasFirmRole(principal, role)) {
      throw new AuthException(AuthErrorCode.FORBIDDEN, `This needs the ${ROLE_LABEL[role]} role.`);
    }
  }
}
