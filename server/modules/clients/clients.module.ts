import { Module } from '@nestjs/common';
import { SampledLists } from '../../database/sampled-lists.service';
import { ClientFilesModule } from '../client-files/client-files.module';
import { PlaybookRunWorkflowsModule } from '../playbooks/delivery/playbook-run-workflows.module';
import { TagsModule } from '../tags/tags.module';
import { ClientsController } from './clients.controller';
import { ClientsService } from './clients.service';

@Module({
  imports: [TagsModule, PlaybookRunWorkflowsModule, ClientFilesModule],
  controllers: [ClientsController],
  providers: [ClientsService, SampledLists],
})
export class ClientsModule {}
