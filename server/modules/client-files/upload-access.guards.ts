import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { AccessService } from '../../common/access/access.service';
import { AuthErrors } from '../../common/auth/auth.errors';
import { callerAndId } from '../../common/http/route-params';

/*
 * Who may upload to a client's files is decided here, before the upload interceptor reads the
 * body: guards run before interceptors, so a caller without the right gets nothing to disk.
 */

/** Staff: owners of the client (and Entities Admins). */
@Injectable()
export class StaffUploadGuard implements CanActivate {
  constructor(private readonly access: AccessService) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const { principal, id } = callerAndId(context, 'clientId');
    await this.access.assertClient(principal, id, 'edit');
    return true;
  }
}

/** Contacts: collaborators on the client. */
@Injectable()
export class PortalUploadGuard implements CanActivate {
  constructor(private readonly access: AccessService) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const { principal, id } = callerAndId(context, 'clientId');
    if ((await this.access.assertClient(principal, id, 'read')) !== 'contact_collaborator') {
      throw AuthErrors.AUTH_FORBIDDEN(
        'Adding files to this client needs the collaborator role; ask your firm.',
      );
    }
    return true;
  }
}
