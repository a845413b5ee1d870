import {
  Body,
  Controller,
  Get,
  Param,
  Post,
  UploadedFile,
  UseGuards,
  UseInterceptors,
} from '@nestjs/common';
import { ApiConsumes, ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { ApiView } from '../../common/openapi/api-response';
import { Audited } from '../../common/audit/audited.decorator';
import { CurrentPrincipal, PortalRoute } from '../../common/auth/auth.decorators';
import type { ContactPrincipal } from '../../common/auth/principal';
import { UuidParamPipe } from '../../common/validation/uuid-param.pipe';
import { ZodBodyPipe } from '../../common/validation/zod-body.pipe';
import { FileUploadInterceptor } from '../client-files/file-upload.interceptor';
import { FileRequestAnswersService } from './file-request-answers.service';
import { FileRequestReader } from './file-request-reader.service';
import { type FileRequestView, fileRequestViewSchema } from './file-request.view';
import { emptyBodySchema, notApplicableSchema } from './file-requests.schemas';
import { RecipientUploadGuard } from './recipient-upload.guard';

const answerEvent = (verb: string) => (r: FileRequestView) => ({
  summary: `${verb} an item of "${r.subject}" in the portal`,
  targetType: 'file_request',
  targetId: r.id,
  clientId: r.clientId,
});

/**
 * A contact's file requests: those they are a recipient of, on clients they still have access
 * to. Any recipient may answer (upload or "not applicable"): being asked is the permission.
 */
@ApiTags('portal')
@PortalRoute()
@Controller('portal/file-requests')
export class PortalFileRequestsController {
  constructor(
    private readonly reader: FileRequestReader,
    private readonly answers: FileRequestAnswersService,
  ) {}

  @ApiView(z.array(fileRequestViewSchema))
  @ApiOperation({ summary: 'Portal: your file requests' })
  @Get()
  list(@CurrentPrincipal() contact: ContactPrincipal): Promise<FileRequestView[]> {
    return this.reader.listForContact(contact.id);
  }

  @ApiView(fileRequestViewSchema)
  @ApiOperation({ summary: 'Portal: one of your file requests' })
  @Get(':id')
  async get(
    @Param('id', UuidParamPipe) id: string,
    @CurrentPrincipal() contact: ContactPrincipal,
  ): Promise<FileRequestView> {
    await this.answers.assertRecipient(id, contact.id);
    return this.reader.get(id, false);
  }

  @Audited('file_request.uploaded', answerEvent('Uploaded a file for'))
  @ApiView(fileRequestViewSchema)
  @ApiOperation({ summary: 'Portal: upload a file for an item' })
  @Post(':id/items/:itemId/upload')
  @ApiConsumes('multipart/form-data')
  @UseGuards(RecipientUploadGuard)
  @UseInterceptors(FileUploadInterceptor)
  async upload(
    @Param('id', UuidParamPipe) id: string,
    @Param('itemId', UuidParamPipe) itemId: string,
    @UploadedFile() file: Express.Multer.File | undefined,
    @Body(new ZodBodyPipe(emptyBodySchema)) _body: object,
    @CurrentPrincipal() contact: ContactPrincipal,
  ): Promise<FileRequestView> {
    await this.answers.upload(id, itemId, file, contact.id);
    return this.reader.get(id, false);
  }

  @Audited('file_request.not_applicable', answerEvent('Marked not applicable'))
  @ApiView(fileRequestViewSchema)
  @ApiOperation({ summary: 'Portal: say an item does not apply, and why' })
  @Post(':id/items/:itemId/not-applicable')
  async notApplicable(
    @Param('id', UuidParamPipe) id: string,
    @Param('itemId', UuidParamPipe) itemId: string,
    @Body(new ZodBodyPipe(notApplicableSchema)) body: { comment: string },
    @CurrentPrincipal() contact: ContactPrincipal,
  ): Promise<FileRequestView> {
    await this.answers.assertRecipient(id, contact.id);
    await this.answers.notApplicable(id, itemId, body.comment, contact.id);
    return this.reader.get(id, false);
  }
}
