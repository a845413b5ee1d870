import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiView, ApiListView } from '../../common/openapi/api-response';
import { ApiListQuery } from '../../common/openapi/zod-openapi';
import type { Response } from 'express';
import { RequireRole } from '../../common/auth/auth.decorators';
import { sendPage } from '../../common/http/content-range';
import { parseListQuery } from '../../common/http/list-query';
import { UuidParamPipe } from '../../common/validation/uuid-param.pipe';
import { outboxFilterSchema } from './outbox.schemas';
import { OutboxService } from './outbox.service';
import { outboxMessageSchema } from './outbox.view';

const OUTBOX_SORTABLE = ['createdAt', 'toEmail', 'status'] as const;

/**
 * Every outgoing email; without Resend this is where they are "delivered". Messages carry live
 * invitation links until sent, so only Staff Admins (who send invitations) read them.
 */
@ApiTags('outbox')
@RequireRole('staff_admin')
@Controller('outbox')
export class OutboxController {
  constructor(private readonly outbox: OutboxService) {}

  @ApiListQuery(outboxFilterSchema, OUTBOX_SORTABLE)
  @ApiListView(outboxMessageSchema)
  @ApiOperation({ summary: 'List outgoing emails (the Outbox)' })
  @Get()
  async list(@Query() query: Record<string, unknown>, @Res({ passthrough: true }) res: Response) {
    const q = parseListQuery(query, {
      sortable: OUTBOX_SORTABLE,
      defaultSort: { field: 'createdAt', order: 'DESC' },
      filter: outboxFilterSchema,
    });
    return sendPage(res, 'outbox', q.range, await this.outbox.list(q));
  }

  @ApiView(outboxMessageSchema)
  @ApiOperation({ summary: 'One outgoing email with its text and HTML' })
  @Get(':id')
  get(@Param('id', UuidParamPipe) id: string) {
    return this.outbox.get(id);
  }
}
