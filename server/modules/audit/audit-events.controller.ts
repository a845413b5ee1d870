import { Controller, Get, Param, Query, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiView, ApiListView, ApiFileResponse } from '../../common/openapi/api-response';
import { ApiListQuery } from '../../common/openapi/zod-openapi';
import type { Request, Response } from 'express';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { AuditService, auditOrigin } from '../../common/audit/audit.service';
import { AccessService } from '../../common/access/access.service';
import { CurrentPrincipal, RequireRole } from '../../common/auth/auth.decorators';
import type { StaffPrincipal } from '../../common/auth/principal';
import { safeCsvStringifier } from '../../common/csv/safe-csv-stringifier';
import { attachment } from '../../common/http/attachment';
import { sendPage } from '../../common/http/content-range';
import { parseListQuery } from '../../common/http/list-query';
import { UuidParamPipe } from '../../common/validation/uuid-param.pipe';
import { AUDIT_SORTABLE, auditFilterSchema } from './audit-events.schemas';
import { type AuditEventView, auditEventViewSchema } from './audit-event.view';
import { AuditEventsService, EXPORT_MAX_ROWS } from './audit-events.service';

const CSV_COLUMNS: [string, keyof AuditEventView][] = [
  ['When (UTC)', 'at'],
  ['Action', 'action'],
  ['Summary', 'summary'],
  ['Actor type', 'actorType'],
  ['Actor', 'actorEmail'],
  ['Target type', 'targetType'],
  ['Target id', 'targetId'],
  ['Client id', 'clientId'],
  ['IP', 'ip'],
  ['User agent', 'userAgent'],
];

/**
 * The audit trail: Staff Admins read all of it, one event, and a formula-safe CSV export;
 * whoever sees a client reads that client's own events (its Activity).
 */
@ApiTags('audit-events')
@Controller('audit-events')
export class AuditEventsController {
  constructor(
    private readonly events: AuditEventsService,
    private readonly audit: AuditService,
    private readonly access: AccessService,
  ) {}

  @ApiListQuery(auditFilterSchema, AUDIT_SORTABLE)
  @ApiListView(auditEventViewSchema)
  @ApiOperation({ summary: 'List audit events (firm-wide for staff admins, or one client’s)' })
  @Get()
  async list(
    @Query() query: Record<string, unknown>,
    @CurrentPrincipal() principal: StaffPrincipal,
    @Res({ passthrough: true }) res: Response,
  ) {
    const q = parseListQuery(query, {
      sortable: AUDIT_SORTABLE,
      defaultSort: { field: 'at', order: 'DESC' },
      filter: auditFilterSchema,
    });
    if (!this.access.hasFirmRole(principal, 'staff_admin')) {
      if (!q.filter.clientId) this.access.assertFirmRole(principal, 'staff_admin');
      await this.access.assertClient(principal, q.filter.clientId!, 'read');
    }
    return sendPage(res, 'audit-events', q.range, await this.events.list(q));
  }

  /** Before `:id`, so the route is not read as an id. */
  @RequireRole('staff_admin')
  @ApiListQuery(auditFilterSchema, AUDIT_SORTABLE)
  @ApiFileResponse('text/csv')
  @ApiOperation({ summary: 'Export the filtered audit events as CSV' })
  @Get('export.csv')
  async export(@Query() query: Record<string, unknown>, @Req() req: Request, @Res() res: Response) {
    const { filter } = parseListQuery(query, {
      sortable: AUDIT_SORTABLE,
      defaultSort: { field: 'at', order: 'DESC' },
      filter: auditFilterSchema,
    });
    await this.audit.record(auditOrigin(req), {
      action: 'audit.exported',
      summary: `Exported the audit trail (at most ${EXPORT_MAX_ROWS} events)`,
      detail: { filter },
    });
    attachment(res, 'text/csv; charset=utf-8', 'audit-trail.csv');
    const events = this.events.exportRows(filter);
    async function* records() {
      yield CSV_COLUMNS.map(([header]) => header);
      for await (const event of events) {
        yield CSV_COLUMNS.map(([, key]) => String(event[key] ?? ''));
      }
    }
    await pipeline(Readable.from(records()), safeCsvStringifier(), res);
  }

  @RequireRole('staff_admin')
  @ApiView(auditEventViewSchema)
  @ApiOperation({ summary: 'One audit event with what it touched' })
  @Get(':id')
  get(@Param('id', UuidParamPipe) id: string) {
    return this.events.get(id);
  }
}
