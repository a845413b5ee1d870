import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { RequireRole } from '../../common/auth/auth.decorators';
import { sendPage } from '../../common/http/content-range';
import { parseListQuery } from '../../common/http/list-query';
import { UuidParamPipe } from '../../common/validation/uuid-param.pipe';
import { outboxFilterSchema } from './outbox.schemas';
import { OutboxService } from './outbox.service';

/**
 * Every outgoing email; without Resend this is where they are "delivered". Messages carry live
 * invitation links until sent, so only Staff Admins (who send invitations) read them.
 */
@ApiTags('outbox')
@RequireRole('staff_admin')
@Controller('outbox')
export class OutboxController {
  constructor(private readonly outbox: OutboxService) {}

  @Get()
  async list(@Query() query: Record<string, unknown>, @Res({ passthrough: true }) res: Response) {
    const q = parseListQuery(query, {
      sortable: ['createdAt', 'toEmail', 'status'] as const,
      defaultSort: { field: 'createdAt', order: 'DESC' },
      filter: outboxFilterSchema,
    });
    return sendPage(res, 'outbox', q.range, await this.outbox.list(q));
  }

  @Get(':id')
  get(@Param('id', UuidParamPipe) id: string) {
    return this.outbox.get(id);
  }
}
