import { Body, Controller, Get, Param, Post, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { ApiView, ApiListView } from '../../common/openapi/api-response';
import { ApiListQuery, ApiZodQuery } from '../../common/openapi/zod-openapi';
import type { Response } from 'express';
import { AccessService } from '../../common/access/access.service';
import { Audited } from '../../common/audit/audited.decorator';
import { CurrentPrincipal } from '../../common/auth/auth.decorators';
import type { StaffPrincipal } from '../../common/auth/principal';
import { sendPage } from '../../common/http/content-range';
import { parseListQuery } from '../../common/http/list-query';
import { parseInput } from '../../common/validation/parse-input';
import { UuidParamPipe } from '../../common/validation/uuid-param.pipe';
import { ZodBodyPipe } from '../../common/validation/zod-body.pipe';
import { FileRequestReader } from './file-request-reader.service';
import {
  fileRequestSummaryViewSchema,
  type FileRequestView,
  fileRequestViewSchema,
} from './file-request.view';
import { FileRequestWorkflowsService } from './delivery/file-request-workflows.service';
import { requestNotFound } from './file-requests.errors';
import {
  FILE_REQUEST_SORTABLE,
  createFileRequestSchema,
  emptyBodySchema,
  fileRequestFilterSchema,
  recipientOptionsQuerySchema,
  rejectItemSchema,
  type CreateFileRequestInput,
} from './file-requests.schemas';
import { FileRequestsService } from './file-requests.service';
import { type RecipientOptionView, recipientOptionViewSchema } from './request-recipients.view';

const requestEvent = (summary: (r: FileRequestView) => string) => (r: FileRequestView) => ({
  summary: summary(r),
  targetType: 'file_request',
  targetId: r.id,
  clientId: r.clientId,
});

/**
 * Staff's file requests. Whoever sees a client (owner or viewer) may ask its contacts for
 * files, review the answers, remind and cancel; other requests are a 404.
 */
@ApiTags('file-requests')
@Controller('file-requests')
export class FileRequestsController {
  constructor(
    private readonly requests: FileRequestsService,
    private readonly reader: FileRequestReader,
    private readonly workflows: FileRequestWorkflowsService,
    private readonly access: AccessService,
  ) {}

  @ApiListQuery(fileRequestFilterSchema, FILE_REQUEST_SORTABLE)
  @ApiListView(fileRequestSummaryViewSchema)
  @ApiOperation({ summary: 'List file requests' })
  @Get()
  async list(
    @Query() query: Record<string, unknown>,
    @CurrentPrincipal() principal: StaffPrincipal,
    @Res({ passthrough: true }) res: Response,
  ) {
    const q = parseListQuery(query, {
      sortable: FILE_REQUEST_SORTABLE,
      defaultSort: { field: 'lastActivityAt', order: 'DESC' },
      filter: fileRequestFilterSchema,
    });
    const visible = this.access.visibleClients(principal, 'r.client_id');
    return sendPage(res, 'file-requests', q.range, await this.reader.list(q, visible));
  }

  @Audited(
    'file_request.created',
    requestEvent((r) => `Requested "${r.subject}" from ${r.clientName}`),
  )
  @ApiView(fileRequestViewSchema)
  @ApiOperation({ summary: 'Ask a client’s contacts for files (starts the reminders)' })
  @Post()
  async create(
    @Body(new ZodBodyPipe(createFileRequestSchema)) body: CreateFileRequestInput,
    @CurrentPrincipal() principal: StaffPrincipal,
  ): Promise<FileRequestView> {
    // Attachments are shared with the recipients: sharing files is the owners'.
    const shares = body.attachmentFileIds?.length || body.items?.some((i) => i.updatesFileId);
    await this.access.assertClient(principal, body.clientId, shares ? 'share' : 'read');
    return this.view(await this.requests.create(body, principal.id));
  }

  /** Whom the dialog offers, with what sending the request does for each one's portal access. */
  @ApiZodQuery(recipientOptionsQuerySchema)
  @ApiView(z.array(recipientOptionViewSchema))
  @ApiOperation({ summary: 'Whom a new request can go to, with each one’s portal access' })
  @Get('recipients')
  async recipients(
    @Query() query: Record<string, unknown>,
    @CurrentPrincipal() principal: StaffPrincipal,
  ): Promise<RecipientOptionView[]> {
    const { clientId } = parseInput(recipientOptionsQuerySchema, query);
    await this.access.assertClient(principal, clientId, 'read');
    return this.reader.recipientOptions(clientId);
  }

  @ApiView(fileRequestViewSchema)
  @ApiOperation({ summary: 'One file request with its items and workflow status' })
  @Get(':id')
  async get(
    @Param('id', UuidParamPipe) id: string,
    @CurrentPrincipal() principal: StaffPrincipal,
  ): Promise<FileRequestView> {
    await this.visible(id, principal);
    return this.view(id);
  }

  @Audited('file_request.item_accepted', requestEvent((r) => `Accepted an item of "${r.subject}"`))
  @ApiView(fileRequestViewSchema)
  @ApiOperation({ summary: 'Accept an uploaded item' })
  @Post(':id/items/:itemId/accept')
  async accept(
    @Param('id', UuidParamPipe) id: string,
    @Param('itemId', UuidParamPipe) itemId: string,
    @Body(new ZodBodyPipe(emptyBodySchema)) _body: object,
    @CurrentPrincipal() principal: StaffPrincipal,
  ): Promise<FileRequestView> {
    await this.visible(id, principal);
    await this.requests.accept(id, itemId, principal.id);
    return this.view(id);
  }

  @Audited('file_request.item_rejected', requestEvent((r) => `Rejected an item of "${r.subject}"`))
  @ApiView(fileRequestViewSchema)
  @ApiOperation({ summary: 'Reject an uploaded item, saying why' })
  @Post(':id/items/:itemId/reject')
  async reject(
    @Param('id', UuidParamPipe) id: string,
    @Param('itemId', UuidParamPipe) itemId: string,
    @Body(new ZodBodyPipe(rejectItemSchema)) body: { reason: string },
    @CurrentPrincipal() principal: StaffPrincipal,
  ): Promise<FileRequestView> {
    await this.visible(id, principal);
    await this.requests.reject(id, itemId, body.reason, principal.id);
    return this.view(id);
  }

  @Audited('file_request.cancelled', requestEvent((r) => `Cancelled "${r.subject}"`))
  @ApiView(fileRequestViewSchema)
  @ApiOperation({ summary: 'Cancel a file request' })
  @Post(':id/cancel')
  async cancel(
    @Param('id', UuidParamPipe) id: string,
    @Body(new ZodBodyPipe(emptyBodySchema)) _body: object,
    @CurrentPrincipal() principal: StaffPrincipal,
  ): Promise<FileRequestView> {
    await this.visible(id, principal);
    await this.requests.cancel(id, principal.id);
    return this.view(id);
  }

  @Audited('file_request.reminded', requestEvent((r) => `Sent a reminder for "${r.subject}"`))
  @ApiView(fileRequestViewSchema)
  @ApiOperation({ summary: 'Send a reminder now' })
  @Post(':id/remind')
  async remind(
    @Param('id', UuidParamPipe) id: string,
    @Body(new ZodBodyPipe(emptyBodySchema)) _body: object,
    @CurrentPrincipal() principal: StaffPrincipal,
  ): Promise<FileRequestView> {
    await this.visible(id, principal);
    await this.requests.remind(id, principal.id);
    return this.view(id);
  }

  /** The same 404 for a request of a client the caller does not see as for a missing one. */
  private async visible(id: string, principal: StaffPrincipal): Promise<void> {
    const clientId = await this.reader.clientOf(id);
    if (!(await this.access.seesClient(principal, clientId))) throw requestNotFound(id);
  }

  private async view(id: string): Promise<FileRequestView> {
    const [view, status] = await Promise.all([
      this.reader.get(id, true),
      this.workflows.status(id),
    ]);
    return {
      ...view,
      workflow: {
        id: this.workflows.workflowId(id),
        url: this.workflows.workflowUrl(id),
        status: status && {
          state: status.state,
          overdue: status.overdue,
          remindersSent: status.remindersSent,
          nextReminderAt: status.nextReminderAt,
        },
      },
    };
  }
}
