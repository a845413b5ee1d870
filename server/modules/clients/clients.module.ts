import { Module } from '@nestjs/common';
import { PlaybookRunWorkflowsModule } from '../playbooks/delivery/playbook-run-workflows.module';
import { TagsModule } from '../tags/tags.module';
import { ClientsController } from './clients.controller';
import { ClientsService } from './clients.service';

@Module({
  imports: [TagsModule, PlaybookRunWorkflowsModule],
  controllers: [ClientsController],
  providers: [ClientsService],
})
export class ClientsModule {}
