import { EntityManager } from '@mikro-orm/postgresql';
import { Body, Controller, Delete, Get, Param, Post, Put, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiView, ApiListView } from '../../common/openapi/api-response';
import { ApiListQuery } from '../../common/openapi/zod-openapi';
import type { Response } from 'express';
import { Audited } from '../../common/audit/audited.decorator';
import { AccessService } from '../../common/access/access.service';
import { CurrentPrincipal, RequireRole } from '../../common/auth/auth.decorators';
import type { Principal } from '../../common/auth/principal';
import { sendPage } from '../../common/http/content-range';
import { parseListQuery } from '../../common/http/list-query';
import { UuidParamPipe } from '../../common/validation/uuid-param.pipe';
import { ZodBodyPipe } from '../../common/validation/zod-body.pipe';
import {
  createGroupSchema,
  GROUP_SORTABLE,
  groupFilterSchema,
  updateGroupSchema,
  type CreateGroupInput,
  type UpdateGroupInput,
} from './groups.schemas';
import { type GroupView, groupViewSchema } from './group.view';
import type { GroupKind } from './groups.repository';
import { GroupsService } from './groups.service';

/**
 * `/api/staff-groups` and `/api/contact-groups`: the same routes over the same table shapes.
 * Any staff member reads them, but sees the member ids of a contact group only for contacts
 * of clients they may see; Entities Admins manage them.
 */
function groupsController(kind: GroupKind, path: string) {
  const event = (verb: string) => (g: GroupView) => ({
    summary: `${verb} ${kind} group ${g.name} (${g.memberCount} members)`,
    targetType: `${kind}_group`,
    targetId: g.id,
  });

  @ApiTags(path)
  @Controller(path)
  class GroupsController {
    readonly groups: GroupsService;

    constructor(
      em: EntityManager,
      private readonly access: AccessService,
    ) {
      this.groups = new GroupsService(em, kind);
    }

    /** Staff see every staff member; contacts only through the clients they see. */
    private members(principal: Principal) {
      return kind === 'contact' ? this.access.visibleContacts(principal, 'm.contact_id') : null;
    }

    @ApiListQuery(groupFilterSchema, GROUP_SORTABLE)
    @ApiListView(groupViewSchema)
    @ApiOperation({ summary: `List ${kind} groups` })
    @Get()
    async list(
      @Query() query: Record<string, unknown>,
      @CurrentPrincipal() principal: Principal,
      @Res({ passthrough: true }) res: Response,
    ) {
      const q = parseListQuery(query, {
        sortable: GROUP_SORTABLE,
        defaultSort: { field: 'name', order: 'ASC' },
        filter: groupFilterSchema,
      });
      return sendPage(res, path, q.range, await this.groups.list(q, this.members(principal)));
    }

    @ApiView(groupViewSchema)
    @ApiOperation({ summary: `One ${kind} group with its members` })
    @Get(':id')
    get(
      @Param('id', UuidParamPipe) id: string,
      @CurrentPrincipal() principal: Principal,
    ): Promise<GroupView> {
      return this.groups.get(id, this.members(principal));
    }

    @RequireRole('entities_admin')
    @Audited(`${kind}_group.created`, event('Created'))
    @ApiView(groupViewSchema)
    @ApiOperation({ summary: `Create a ${kind} group` })
    @Post()
    create(@Body(new ZodBodyPipe(createGroupSchema)) body: CreateGroupInput): Promise<GroupView> {
      return this.groups.create(body);
    }

    @RequireRole('entities_admin')
    @Audited(`${kind}_group.updated`, event('Updated'))
    @ApiView(groupViewSchema)
    @ApiOperation({ summary: `Edit a ${kind} group and its members` })
    @Put(':id')
    update(
      @Param('id', UuidParamPipe) id: string,
      @Body(new ZodBodyPipe(updateGroupSchema)) body: UpdateGroupInput,
    ): Promise<GroupView> {
      return this.groups.update(id, body);
    }

    @RequireRole('entities_admin')
    @Audited(`${kind}_group.deleted`, event('Deleted'))
    @ApiView(groupViewSchema)
    @ApiOperation({ summary: `Delete a ${kind} group` })
    @Delete(':id')
    remove(@Param('id', UuidParamPipe) id: string): Promise<GroupView> {
      return this.groups.remove(id);
    }
  }
  return GroupsController;
}

export const StaffGroupsController = groupsController('staff', 'staff-groups');
export const ContactGroupsController = groupsController('contact', 'contact-groups');
