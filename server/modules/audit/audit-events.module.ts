import { Module } from '@nestjs/common';
import { SampledLists } from '../../database/sampled-lists.service';
import { AuditEventsController } from './audit-events.controller';
import { AuditEventsService } from './audit-events.service';

@Module({ controllers: [AuditEventsController], providers: [AuditEventsService, SampledLists] })
export class AuditEventsModule {}
