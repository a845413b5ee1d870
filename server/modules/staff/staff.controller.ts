import { Body, Controller, Delete, Get, Param, Post, Put, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { ApiView, ApiListView } from '../../common/openapi/api-response';
import { ApiListQuery } from '../../common/openapi/zod-openapi';
import type { Response } from 'express';
import { CurrentPrincipal, RequireRole } from '../../common/auth/auth.decorators';
import type { Principal } from '../../common/auth/principal';
import {
  describeSessions,
  sessionViewSchema,
  type SessionView,
} from '../../common/auth/session.view';
import { Audited } from '../../common/audit/audited.decorator';
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
import {
  staffSessionsEndedSchema,
  type StaffSessionsEnded,
  type StaffView,
  staffViewSchema,
} from './staff.view';

/** Roles and the active flag go into the summary: role changes are what the trail is for. */
const staffEvent = (verb: string, u: StaffView) => ({
  summary: `${verb} staff account ${u.email} (roles: ${u.roles.join(', ')}${u.active ? '' : ', inactive'})`,
  targetType: 'staff',
  targetId: u.id,
});

/**
 * Staff Admins manage accounts, within the roles they hold (AccessService.assertMayManageFirmRoles):
 * Staff and Staff Admin from any Staff Admin, Entities Admin only from one who is both.
 */
@ApiTags('staff')
@Controller('staff')
export class StaffController {
  constructor(private readonly staff: StaffService) {}

  @ApiListQuery(staffFilterSchema, STAFF_SORTABLE)
  @ApiListView(staffViewSchema)
  @ApiOperation({ summary: 'List staff members' })
  @Get()
  async list(@Query() query: Record<string, unknown>, @Res({ passthrough: true }) res: Response) {
    const q = parseListQuery(query, {
      sortable: STAFF_SORTABLE,
      defaultSort: { field: 'lastName', order: 'ASC' },
      filter: staffFilterSchema,
    });
    return sendPage(res, 'staff', q.range, await this.staff.list(q));
  }

  @ApiView(staffViewSchema)
  @ApiOperation({ summary: 'One staff member' })
  @Get(':id')
  get(@Param('id', UuidParamPipe) id: string): Promise<StaffView> {
    return this.staff.get(id);
  }

  @RequireRole('staff_admin')
  @Audited('staff.created', (u: StaffView) => staffEvent('Created', u))
  @ApiView(staffViewSchema)
  @ApiOperation({ summary: 'Create a staff member' })
  @Post()
  create(
    @Body(new ZodBodyPipe(createStaffSchema)) body: CreateStaffInput,
    @CurrentPrincipal() principal: Principal,
  ): Promise<StaffView> {
    return this.staff.create(body, principal);
  }

  @RequireRole('staff_admin')
  @Audited('staff.updated', (u: StaffView) => staffEvent('Updated', u))
  @ApiView(staffViewSchema)
  @ApiOperation({ summary: 'Edit a staff member and their roles' })
  @Put(':id')
  update(
    @Param('id', UuidParamPipe) id: string,
    @Body(new ZodBodyPipe(updateStaffSchema)) body: UpdateStaffInput,
    @CurrentPrincipal() principal: Principal,
  ): Promise<StaffView> {
    return this.staff.update(id, body, principal);
  }

  @RequireRole('staff_admin')
  @ApiView(z.array(sessionViewSchema))
  @ApiOperation({ summary: "A staff member's live sessions" })
  @Get(':id/sessions')
  listSessions(
    @Param('id', UuidParamPipe) id: string,
    @CurrentPrincipal() principal: Principal,
  ): Promise<SessionView[]> {
    return this.staff.listSessions(id, principal);
  }

  /** Takes effect on each of their browsers' next request. */
  @RequireRole('staff_admin')
  @Audited('staff.sessions_ended', (r: StaffSessionsEnded) => ({
    summary: r.ended.length
      ? `Ended every session of ${r.email}: ${describeSessions(r.ended)}`
      : `Ended every session of ${r.email} (there was none)`,
    targetType: 'staff',
    targetId: r.id,
    detail: { sessions: r.ended },
  }))
  @ApiView(staffSessionsEndedSchema)
  @ApiOperation({ summary: 'Sign a staff member out everywhere' })
  @Delete(':id/sessions')
  endSessions(
    @Param('id', UuidParamPipe) id: string,
    @CurrentPrincipal() principal: Principal,
  ): Promise<StaffSessionsEnded> {
    return this.staff.endSessions(id, principal);
  }

  /** Deactivates: staff records stay for the audit trail. */
  @RequireRole('staff_admin')
  @Audited('staff.deactivated', (u: StaffView) => staffEvent('Deactivated', u))
  @ApiView(staffViewSchema)
  @ApiOperation({ summary: 'Deactivate a staff member' })
  @Delete(':id')
  remove(
    @Param('id', UuidParamPipe) id: string,
    @CurrentPrincipal() principal: Principal,
  ): Promise<StaffView> {
    return this.staff.update(id, { active: false }, principal);
  }
}
