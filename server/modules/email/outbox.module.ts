import { Module } from '@nestjs/common';
import { SampledLists } from '../../database/sampled-lists.service';
import { OutboxController } from './outbox.controller';
import { OutboxService } from './outbox.service';

@Module({ controllers: [OutboxController], providers: [OutboxService, SampledLists] })
export class OutboxModule {}
