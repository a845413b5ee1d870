import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { callerAndId } from '../../common/http/route-params';
import { FileRequestAnswersService } from './file-request-answers.service';

/**
 * Only a recipient of the request answers it: checked before the upload interceptor reads the
 * body (guards run first), so anyone else gets nothing to disk.
 */
@Injectable()
export class RecipientUploadGuard implements CanActivate {
  constructor(private readonly answers: FileRequestAnswersService) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const { principal, id } = callerAndId(context, 'id');
    await this.answers.assertRecipient(id, principal.id);
    return true;
  }
}
