import { Module } from '@nestjs/common';
import { FilesModule } from '../../files/files.module';
import { PlaybookRunWorkflowsModule } from '../../playbooks/delivery/playbook-run-workflows.module';
import { ImportChunkService } from './import-chunk.service';
import { ImportLifecycleService } from './import-lifecycle.service';
import { ImportStagingService } from './import-staging.service';
import { ImportUndoService } from './import-undo.service';

/** What the worker's import activities run; no HTTP here. */
@Module({
  imports: [FilesModule, PlaybookRunWorkflowsModule],
  providers: [ImportStagingService, ImportChunkService, ImportUndoService, ImportLifecycleService],
  exports: [ImportStagingService, ImportChunkService, ImportUndoService, ImportLifecycleService],
})
export class ImportDeliveryModule {}
