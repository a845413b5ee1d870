import { Body, Controller, Delete, Get, Param, Post, Put, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { ApiView, ApiListView } from '../../common/openapi/api-response';
import { ApiListQuery } from '../../common/openapi/zod-openapi';
import type { Response } from 'express';
import { AccessService } from '../../common/access/access.service';
import { CurrentPrincipal, RequireRole } from '../../common/auth/auth.decorators';
import type { Principal } from '../../common/auth/principal';
import { Audited } from '../../common/audit/audited.decorator';
import { sendPage } from '../../common/http/content-range';
import { parseListQuery } from '../../common/http/list-query';
import { UuidParamPipe } from '../../common/validation/uuid-param.pipe';
import { ZodBodyPipe } from '../../common/validation/zod-body.pipe';
import { type ContactView, contactViewSchema, timelineEventSchema } from './contact.view';
import {
  CONTACT_SORTABLE,
  contactFilterSchema,
  createContactSchema,
  updateContactSchema,
  type CreateContactInput,
  type UpdateContactInput,
} from './contacts.schemas';
import { ContactsService } from './contacts.service';

const contactEvent = (verb: string, c: ContactView) => ({
  summary: `${verb} contact ${c.email}`,
  targetType: 'contact',
  targetId: c.id,
  clientId: c.clientIds.length === 1 ? c.clientIds[0] : null,
});

@ApiTags('contacts')
@Controller('contacts')
export class ContactsController {
  constructor(
    private readonly contacts: ContactsService,
    private readonly access: AccessService,
  ) {}

  /** Staff without a firm admin role see the contacts of the clients shared with them. */
  @ApiListQuery(contactFilterSchema, CONTACT_SORTABLE)
  @ApiListView(contactViewSchema)
  @ApiOperation({ summary: 'List contacts' })
  @Get()
  async list(
    @Query() query: Record<string, unknown>,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) res: Response,
  ) {
    const q = parseListQuery(query, {
      sortable: CONTACT_SORTABLE,
      defaultSort: { field: 'displayName', order: 'ASC' },
      filter: contactFilterSchema,
    });
    return sendPage(res, 'contacts', q.range, await this.contacts.list(q, this.scope(principal)));
  }

  @ApiView(contactViewSchema)
  @ApiOperation({ summary: 'One contact with its clients and portal status' })
  @Get(':id')
  get(
    @Param('id', UuidParamPipe) id: string,
    @CurrentPrincipal() principal: Principal,
  ): Promise<ContactView> {
    return this.contacts.get(id, this.scope(principal));
  }

  @ApiView(z.array(timelineEventSchema))
  @ApiOperation({ summary: 'A contact’s invitations, emails and portal activity' })
  @Get(':id/timeline')
  timeline(@Param('id', UuidParamPipe) id: string, @CurrentPrincipal() principal: Principal) {
    return this.contacts.timeline(id, this.scope(principal));
  }

  private scope(principal: Principal) {
    return this.access.visibleClients(principal, 'cc.client_id');
  }

  @RequireRole('staff_admin')
  @Audited('contact.created', (c: ContactView) => contactEvent('Created', c))
  @ApiView(contactViewSchema)
  @ApiOperation({ summary: 'Create a contact, optionally linked to clients' })
  @Post()
  create(
    @Body(new ZodBodyPipe(createContactSchema)) body: CreateContactInput,
  ): Promise<ContactView> {
    return this.contacts.create(body);
  }

  @RequireRole('staff_admin')
  @Audited('contact.updated', (c: ContactView) => contactEvent('Updated', c))
  @ApiView(contactViewSchema)
  @ApiOperation({ summary: 'Edit a contact' })
  @Put(':id')
  update(
    @Param('id', UuidParamPipe) id: string,
    @Body(new ZodBodyPipe(updateContactSchema)) body: UpdateContactInput,
  ): Promise<ContactView> {
    return this.contacts.update(id, body);
  }

  @RequireRole('staff_admin')
  @Audited('contact.deleted', (c: ContactView) => contactEvent('Deleted', c))
  @ApiView(contactViewSchema)
  @ApiOperation({ summary: 'Delete a contact' })
  @Delete(':id')
  remove(@Param('id', UuidParamPipe) id: string): Promise<ContactView> {
    return this.contacts.remove(id);
  }
}
