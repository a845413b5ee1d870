import {
  Body,
  Controller,
  Get,
  Param,
  Post,
  Query,
  Res,
  UploadedFile,
  UseGuards,
  UseInterceptors,
} from '@nestjs/common';
import { ApiConsumes, ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { ApiView, ApiFileResponse } from '../../common/openapi/api-response';
import { ApiZodQuery } from '../../common/openapi/zod-openapi';
import type { Response } from 'express';
import { AccessService } from '../../common/access/access.service';
import { Audited } from '../../common/audit/audited.decorator';
import { CurrentPrincipal, PortalRoute } from '../../common/auth/auth.decorators';
import type { ContactPrincipal } from '../../common/auth/principal';
import { parseInput } from '../../common/validation/parse-input';
import { UuidParamPipe } from '../../common/validation/uuid-param.pipe';
import { ZodBodyPipe } from '../../common/validation/zod-body.pipe';
import { uploadFieldsSchema, versionQuerySchema, type UploadFields } from './client-files.schemas';
import { clientFileViewSchema, type ClientFileView } from './client-file.view';
import { ClientFilesService, fileNotFound } from './client-files.service';
import { downloadEvent, sendFileDownload, type DownloadedFile } from './file-download';
import { FileUploadInterceptor } from './file-upload.interceptor';
import { PortalUploadGuard } from './upload-access.guards';

/**
 * A contact's files in the portal: those shared with them now, and the versions they uploaded
 * themselves; collaborators upload (new files, or new versions of files they know). Anything
 * else is a 404.
 */
@ApiTags('portal')
@PortalRoute()
@Controller('portal')
export class PortalFilesController {
  constructor(
    private readonly files: ClientFilesService,
    private readonly access: AccessService,
  ) {}

  @ApiView(z.array(clientFileViewSchema))
  @ApiOperation({ summary: 'Portal: the files of one of your clients shared with you' })
  @Get('clients/:clientId/files')
  async list(
    @Param('clientId', UuidParamPipe) clientId: string,
    @CurrentPrincipal() contact: ContactPrincipal,
  ): Promise<ClientFileView[]> {
    await this.access.assertClient(contact, clientId, 'read');
    return this.files.list(clientId, contact.id);
  }

  @Audited('file.uploaded', (f: ClientFileView) => ({
    summary: `Uploaded file ${f.name} (version ${f.version}) in the portal`,
    targetType: 'file',
    targetId: f.id,
    clientId: f.clientId,
  }))
  @ApiView(clientFileViewSchema)
  @ApiOperation({ summary: 'Portal: upload a file to one of your clients (collaborators)' })
  @Post('clients/:clientId/files')
  @ApiConsumes('multipart/form-data')
  @UseGuards(PortalUploadGuard)
  @UseInterceptors(FileUploadInterceptor)
  async upload(
    @Param('clientId', UuidParamPipe) clientId: string,
    @UploadedFile() file: Express.Multer.File | undefined,
    @Body(new ZodBodyPipe(uploadFieldsSchema)) body: UploadFields,
    @CurrentPrincipal() contact: ContactPrincipal,
  ): Promise<ClientFileView> {
    if (body.fileId && !(await this.files.contactSees(body.fileId, contact.id))) {
      throw fileNotFound(body.fileId);
    }
    return this.files.add(clientId, file, { contactId: contact.id }, body.fileId);
  }

  @Audited('file.downloaded', downloadEvent(' in the portal'))
  @ApiZodQuery(versionQuerySchema)
  @ApiFileResponse('application/octet-stream')
  @ApiOperation({ summary: 'Portal: download a file shared with you' })
  @Get('files/:id/download')
  async download(
    @Param('id', UuidParamPipe) id: string,
    @Query() query: Record<string, unknown>,
    @CurrentPrincipal() contact: ContactPrincipal,
    @Res() res: Response,
  ): Promise<DownloadedFile> {
    const file = await this.files.get(id);
    if (!(await this.access.seesClient(contact, file.clientId))) throw fileNotFound(id);
    const { version } = parseInput(versionQuerySchema, query);
    await sendFileDownload(res, await this.files.content(id, version, contact.id));
    return file;
  }
}
