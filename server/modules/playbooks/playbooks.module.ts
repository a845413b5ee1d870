import { Module } from '@nestjs/common';
import { PlaybookRunWorkflowsModule } from './delivery/playbook-run-workflows.module';
import { PlaybookSchedules } from './delivery/playbook-schedules.service';
import { PlaybookReader } from './playbook-reader.service';
import { PlaybookRunsController } from './playbook-runs.controller';
import { PlaybooksController } from './playbooks.controller';
import { PlaybooksService } from './playbooks.service';

@Module({
  imports: [PlaybookRunWorkflowsModule],
  controllers: [PlaybooksController, PlaybookRunsController],
  providers: [PlaybooksService, PlaybookReader, PlaybookSchedules],
})
export class PlaybooksModule {}
