import { Body, Controller, Delete, Get, Param, Post, Put, Query, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { RequireRole } from '../../common/auth/auth.decorators';
import { sendPage } from '../../common/http/content-range';
import { parseListQuery } from '../../common/http/list-query';
import { UuidParamPipe } from '../../common/validation/uuid-param.pipe';
import { ZodBodyPipe } from '../../common/validation/zod-body.pipe';
import {
  createStaffSchema,
  STAFF_SORTABLE,
  staffFilterSchema,
  updateStaffSchema,
  type CreateStaffInput,
  type UpdateStaffInput,
} from './staff.schemas';
import { StaffService } from './staff.service';
import type { StaffView } from './staff.view';

@ApiTags('staff')
@Controller('staff')
export class StaffController {
  constructor(private readonly staff: StaffService) {}

  @Get()
  async list(@Query() query: Record<string, unknown>, @Res({ passthrough: true }) res: Response) {
    const q = parseListQuery(query, {
      sortable: STAFF_SORTABLE,
      defaultSort: { field: 'lastName', order: 'ASC' },
      filter: staffFilterSchema,
    });
    return sendPage(res, 'staff', q.range, await this.staff.list(q));
  }

  @Get(':id')
  get(@Param('id', UuidParamPipe) id: string): Promise<StaffView> {
    return this.staff.get(id);
  }

  @RequireRole('staff_admin')
  @Post()
  create(@Body(new ZodBodyPipe(createStaffSchema)) body: CreateStaffInput): Promise<StaffView> {
    return this.staff.create(body);
  }

  @RequireRole('staff_admin')
  @Put(':id')
  update(
    @Param('id', UuidParamPipe) id: string,
    @Body(new ZodBodyPipe(updateStaffSchema)) body: UpdateStaffInput,
  ): Promise<StaffView> {
    return this.staff.update(id, body);
  }

  /** Deactivates: staff records stay for the audit trail. */
  @RequireRole('staff_admin')
  @Delete(':id')
  remove(@Param('id', UuidParamPipe) id: string): Promise<StaffView> {
    return this.staff.remove(id);
  }
}
