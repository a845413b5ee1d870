import {
  Body,
  Controller,
  Delete,
  Get,
  Param,
  Post,
  Put,
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
import { CurrentPrincipal } from '../../common/auth/auth.decorators';
import type { StaffPrincipal } from '../../common/auth/principal';
import { parseInput } from '../../common/validation/parse-input';
import { UuidParamPipe } from '../../common/validation/uuid-param.pipe';
import { ZodBodyPipe } from '../../common/validation/zod-body.pipe';
import {
  sharesSchema,
  uploadFieldsSchema,
  versionQuerySchema,
  type SharesInput,
  type UploadFields,
} from './client-files.schemas';
import { clientFileViewSchema, type ClientFileView } from './client-file.view';
import { ClientFilesService, fileNotFound } from './client-files.service';
import { downloadEvent, sendFileDownload, type DownloadedFile } from './file-download';
import { FileUploadInterceptor } from './file-upload.interceptor';
import { StaffUploadGuard } from './upload-access.guards';

const fileEvent = (verb: string) => (f: ClientFileView) => ({
  summary: `${verb} file ${f.name} (version ${f.version})`,
  targetType: 'file',
  targetId: f.id,
  clientId: f.clientId,
});

/**
 * Staff's side of a client's files: whoever sees the client reads and downloads them; owners
 * (and Entities Admins) upload, share and delete. Downloads go through here only.
 */
@ApiTags('files')
@Controller()
export class ClientFilesController {
  constructor(
    private readonly files: ClientFilesService,
    private readonly access: AccessService,
  ) {}

  @ApiView(z.array(clientFileViewSchema))
  @ApiOperation({ summary: 'List a client’s files' })
  @Get('clients/:clientId/files')
  async list(
    @Param('clientId', UuidParamPipe) clientId: string,
    @CurrentPrincipal() principal: StaffPrincipal,
  ): Promise<ClientFileView[]> {
    await this.access.assertClient(principal, clientId, 'read');
    return this.files.list(clientId);
  }

  /** Multipart: `file`, and `fileId` to add a new version of an existing file. */
  @Audited('file.uploaded', fileEvent('Uploaded'))
  @ApiView(clientFileViewSchema)
  @ApiOperation({ summary: 'Upload a file (or a new version) to a client' })
  @Post('clients/:clientId/files')
  @ApiConsumes('multipart/form-data')
  @UseGuards(StaffUploadGuard)
  @UseInterceptors(FileUploadInterceptor)
  async upload(
    @Param('clientId', UuidParamPipe) clientId: string,
    @UploadedFile() file: Express.Multer.File | undefined,
    @Body(new ZodBodyPipe(uploadFieldsSchema)) body: UploadFields,
    @CurrentPrincipal() principal: StaffPrincipal,
  ): Promise<ClientFileView> {
    return this.files.add(clientId, file, { staffId: principal.id }, body.fileId);
  }

  @ApiView(clientFileViewSchema)
  @ApiOperation({ summary: 'One file with its versions and shares' })
  @Get('files/:id')
  async get(
    @Param('id', UuidParamPipe) id: string,
    @CurrentPrincipal() principal: StaffPrincipal,
  ): Promise<ClientFileView> {
    return this.readable(id, principal);
  }

  @Audited('file.downloaded', downloadEvent(''))
  @ApiZodQuery(versionQuerySchema)
  @ApiFileResponse('application/octet-stream')
  @ApiOperation({ summary: 'Download a file (its latest version, or ?version=n)' })
  @Get('files/:id/download')
  async download(
    @Param('id', UuidParamPipe) id: string,
    @Query() query: Record<string, unknown>,
    @CurrentPrincipal() principal: StaffPrincipal,
    @Res() res: Response,
  ): Promise<DownloadedFile> {
    const file = await this.readable(id, principal);
    const { version } = parseInput(versionQuerySchema, query);
    await sendFileDownload(res, await this.files.content(id, version));
    return file;
  }

  @Audited('file.shared', fileEvent('Changed who sees'))
  @ApiView(clientFileViewSchema)
  @ApiOperation({ summary: 'Set which contacts see a file in the portal' })
  @Put('files/:id/shares')
  async share(
    @Param('id', UuidParamPipe) id: string,
    @Body(new ZodBodyPipe(sharesSchema)) body: SharesInput,
    @CurrentPrincipal() principal: StaffPrincipal,
  ): Promise<ClientFileView> {
    const file = await this.readable(id, principal);
    await this.access.assertClient(principal, file.clientId, 'edit');
    return this.files.setShares(id, body.contactIds);
  }

  @Audited('file.deleted', fileEvent('Deleted'))
  @ApiView(clientFileViewSchema)
  @ApiOperation({ summary: 'Delete a file with all its versions' })
  @Delete('files/:id')
  async remove(
    @Param('id', UuidParamPipe) id: string,
    @CurrentPrincipal() principal: StaffPrincipal,
  ): Promise<ClientFileView> {
    const file = await this.readable(id, principal);
    await this.access.assertClient(principal, file.clientId, 'edit');
    return this.files.remove(id);
  }

  /** The file, if its client is visible to the caller; else the same 404 as a missing one. */
  private async readable(id: string, principal: StaffPrincipal): Promise<ClientFileView> {
    const file = await this.files.get(id);
    if (!(await this.access.seesClient(principal, file.clientId))) throw fileNotFound(id);
    return file;
  }
}
